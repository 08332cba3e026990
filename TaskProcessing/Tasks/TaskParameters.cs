using System.Text.Json;
using System.Text.Json.Nodes;

namespace Backend.TaskProcessing.Tasks;

public sealed record ThumbnailParameters(int MaxSize, string Format);

public sealed record ConvertParameters(string Format, int Quality);

public sealed record UpscaleParameters(int Scale);

public sealed record GenerateParameters(string Prompt, int Width, int Height);

/// <summary>
/// Per-type parameters: validated once at submit, stored with their defaults filled in, so that a worker
/// reads exactly what was accepted. Unknown names are errors rather than silently ignored typos.
/// </summary>
public static class TaskParameters
{
    public static IReadOnlyList<string> ImageFormats { get; } = ["png", "jpeg", "webp"];

    /// <summary>Normalizes <paramref name="parameters"/> for <paramref name="type"/>; errors are keyed by JSON path.</summary>
    public static JsonElement Normalize(string type, JsonElement? parameters, IDictionary<string, string[]> errors)
    {
        var reader = new ParameterReader(parameters, errors);
        JsonObject normalized = type switch
        {
            TaskTypes.Thumbnail => new()
            {
                ["maxSize"] = reader.Int("maxSize", 16, 2048, 256),
                ["format"] = reader.Choice("format", ImageFormats, "webp"),
            },
            TaskTypes.Convert => new()
            {
                ["format"] = reader.Choice("format", ImageFormats, null),
                ["quality"] = reader.Int("quality", 1, 100, 90),
            },
            TaskTypes.Upscale => new() { ["scale"] = reader.Int("scale", 2, 4, 2) },
            TaskTypes.Generate => new()
            {
                ["prompt"] = reader.Text("prompt", 2000),
                ["width"] = reader.Int("width", 64, 2048, 1024),
                ["height"] = reader.Int("height", 64, 2048, 1024),
            },
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown task type."),
        };
        reader.RejectUnknown(normalized.Select(property => property.Key));
        return JsonSerializer.SerializeToElement(normalized);
    }

    public static ThumbnailParameters Thumbnail(JsonElement parameters) =>
        new(parameters.GetProperty("maxSize").GetInt32(), parameters.GetProperty("format").GetString()!);

    public static ConvertParameters Convert(JsonElement parameters) =>
        new(parameters.GetProperty("format").GetString()!, parameters.GetProperty("quality").GetInt32());

    public static UpscaleParameters Upscale(JsonElement parameters) => new(parameters.GetProperty("scale").GetInt32());

    public static GenerateParameters Generate(JsonElement parameters) => new(
        parameters.GetProperty("prompt").GetString()!,
        parameters.GetProperty("width").GetInt32(),
        parameters.GetProperty("height").GetInt32());
}
