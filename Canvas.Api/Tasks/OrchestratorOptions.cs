using System.ComponentModel.DataAnnotations;

namespace Canvas.Api.Tasks;

public sealed class OrchestratorOptions
{
    public const string SectionName = "Orchestrator";

    /// <summary>Resolved by service discovery from <c>services__orchestrator__http__0</c>.</summary>
    [Required]
    public Uri BaseAddress { get; set; } = new("http://orchestrator");

    /// <summary>The orchestrator's service API key, sent as a bearer token.</summary>
    [Required(ErrorMessage = "Set Orchestrator:ApiKey (Orchestrator__ApiKey), the orchestrator's service API key.")]
    public string? ApiKey { get; set; }

    /// <summary>What a 503 tells clients to wait before trying again.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(5);
}
