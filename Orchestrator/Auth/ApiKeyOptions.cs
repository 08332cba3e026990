using System.ComponentModel.DataAnnotations;

namespace Backend.Orchestrator.Auth;

/// <summary>The service API key callers present (configuration <c>Auth:ApiKey</c>, a secret in every deployment).</summary>
public sealed class ApiKeyOptions
{
    public const string SectionName = "Auth";

    [Required(ErrorMessage = "Auth:ApiKey is not configured: set Auth__ApiKey to the key callers use (Orchestrator__ApiKey on Canvas.Api).")]
    public string ApiKey { get; set; } = "";
}
