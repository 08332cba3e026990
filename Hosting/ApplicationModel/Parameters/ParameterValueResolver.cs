using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;

namespace Backend.Hosting.ApplicationModel;

/// <summary>
/// Gives every parameter a value for a local run: configuration first, else a cryptographically random value that is
/// persisted to the user secrets so that databases and tokens created with it keep working on the next run.
/// </summary>
internal static class ParameterValueResolver
{
    // At least 256 bits, which HMAC-SHA256 keys (JWT secrets) require.
    private const int MinimumGeneratedLength = 43;
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static void Resolve(IEnumerable<ParameterResource> parameters, IConfiguration configuration, string? userSecretsPath)
    {
        UserSecretsStore? store = null;
        foreach (var parameter in parameters)
        {
            var key = ConfigurationKey(parameter);
            if (configuration[key] is { Length: > 0 } configured)
            {
                parameter.SetValue(configured);
                continue;
            }

            var generated = RandomNumberGenerator.GetString(
                Alphabet, Math.Max(MinimumGeneratedLength, parameter.GeneratedDefault?.MinLength ?? 0));
            parameter.SetValue(generated);
            if (userSecretsPath is not null)
            {
                store ??= UserSecretsStore.Load(userSecretsPath);
                store.Set(key, generated);
            }
        }

        store?.Save();
    }

    public static string ConfigurationKey(ParameterResource parameter) => $"Parameters:{parameter.Name}";
}
