using System.Text.Json;

namespace Backend.TaskProcessing.Tasks;

/// <summary>Reads one parameters object, collecting every problem instead of stopping at the first.</summary>
internal sealed class ParameterReader
{
    private readonly JsonElement? _parameters;
    private readonly IDictionary<string, string[]> _errors;

    public ParameterReader(JsonElement? parameters, IDictionary<string, string[]> errors)
    {
        _errors = errors;
        if (parameters is { ValueKind: JsonValueKind.Object })
        {
            _parameters = parameters;
        }
        else if (parameters is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) })
        {
            Error("parameters", "must be an object");
        }
    }

    public int? Int(string name, int min, int max, int? defaultValue)
    {
        if (!TryGet(name, out var value))
        {
            return Required(name, defaultValue);
        }
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number >= min && number <= max)
        {
            return number;
        }
        Error(name, $"must be an integer from {min} to {max}");
        return null;
    }

    public string? Choice(string name, IReadOnlyList<string> choices, string? defaultValue)
    {
        if (!TryGet(name, out var value))
        {
            return Required(name, defaultValue);
        }
        if (value.ValueKind == JsonValueKind.String && choices.Contains(value.GetString(), StringComparer.Ordinal))
        {
            return value.GetString();
        }
        Error(name, $"must be one of {string.Join(", ", choices)}");
        return null;
    }

    public string? Text(string name, int maxLength)
    {
        if (!TryGet(name, out var value))
        {
            return Required<string>(name, null);
        }
        if (value.ValueKind == JsonValueKind.String && value.GetString() is { } text && !string.IsNullOrWhiteSpace(text) && text.Length <= maxLength)
        {
            return text;
        }
        Error(name, $"must be a non-empty string of at most {maxLength} characters");
        return null;
    }

    public void RejectUnknown(IEnumerable<string> known)
    {
        if (_parameters is not { } parameters)
        {
            return;
        }
        var names = known.ToHashSet(StringComparer.Ordinal);
        foreach (var property in parameters.EnumerateObject().Where(property => !names.Contains(property.Name)))
        {
            Error(property.Name, "is not a parameter of this task type");
        }
    }

    private bool TryGet(string name, out JsonElement value)
    {
        value = default;
        return _parameters is { } parameters && parameters.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;
    }

    private T? Required<T>(string name, T? defaultValue)
    {
        if (defaultValue is null)
        {
            Error(name, "is required");
        }
        return defaultValue;
    }

    private void Error(string name, string message)
    {
        var key = name == "parameters" ? name : $"parameters.{name}";
        _errors[key] = [.. _errors.TryGetValue(key, out var existing) ? existing : [], $"'{key}' {message}."];
    }
}
