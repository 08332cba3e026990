using System.Security.Cryptography;
using System.Text;

namespace Canvas.Api.Tasks;

/// <summary>
/// The Idempotency-Key sent to the orchestrator. A client's own key is scoped to that client: two
/// users picking the same key must not get each other's task. Without one, each request is new.
/// </summary>
internal static class IdempotencyKeys
{
    public const string HeaderName = "Idempotency-Key";
    private const int MaxLength = 128;

    public static bool IsValid(string key) => key.Length is > 0 and <= MaxLength && key.All(character => character is >= ' ' and <= '~');

    public static string ForOrchestrator(string userId, string? clientKey) => clientKey is null
        ? Guid.NewGuid().ToString("N")
        : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{userId}\n{clientKey}")));
}
