using System.Text.Json;
using System.Text.Json.Nodes;

namespace Backend.Hosting.ApplicationModel;

/// <summary>
/// The AppHost's <c>secrets.json</c>, in the flat <c>"Section:Key": "value"</c> form that <c>dotnet user-secrets</c> writes.
/// </summary>
internal sealed class UserSecretsStore
{
    private static readonly JsonSerializerOptions s_indented = new() { WriteIndented = true };

    private readonly string _path;
    private readonly JsonObject _secrets;

    private UserSecretsStore(string path, JsonObject secrets)
    {
        _path = path;
        _secrets = secrets;
    }

    public static UserSecretsStore Load(string path)
    {
        var secrets = File.Exists(path) && File.ReadAllText(path) is { Length: > 0 } text
            ? JsonNode.Parse(text) as JsonObject ?? throw new InvalidDataException($"The user secrets file {path} is not a JSON object.")
            : [];
        return new UserSecretsStore(path, secrets);
    }

    public void Set(string key, string value) => _secrets[key] = value;

    // Written to a temporary file and moved into place so that an interrupted run never leaves a truncated file.
    public void Save()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        var temporary = _path + ".tmp";
        File.WriteAllText(temporary, _secrets.ToJsonString(s_indented));
        File.Move(temporary, _path, overwrite: true);
    }
}
