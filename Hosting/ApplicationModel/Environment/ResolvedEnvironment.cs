using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Backend.Hosting.ApplicationModel;

/// <summary>
/// The environment variables of one process, resolved for run or publish mode, in the order they were set.
/// It remembers which values are secret so that printing it never shows them.
/// </summary>
[SuppressMessage("Naming", "CA1710", Justification = "It is an environment; the dictionary interface is for reading it.")]
public sealed class ResolvedEnvironment : IReadOnlyDictionary<string, string>
{
    private readonly OrderedDictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _secretNames = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public int Count => _values.Count;

    /// <inheritdoc/>
    public IEnumerable<string> Keys => _values.Keys;

    /// <inheritdoc/>
    public IEnumerable<string> Values => _values.Values;

    /// <inheritdoc/>
    public string this[string key] => _values[key];

    /// <summary>Gets whether the named variable holds a secret.</summary>
    /// <param name="name">The variable name.</param>
    public bool IsSecret(string name) => _secretNames.Contains(name);

    /// <inheritdoc/>
    public bool ContainsKey(string key) => _values.ContainsKey(key);

    /// <inheritdoc/>
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value) => _values.TryGetValue(key, out value);

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => _values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Lists <c>NAME=value</c> lines with secret values replaced by <c>***</c>.</summary>
    public override string ToString() =>
        string.Join(System.Environment.NewLine, _values.Select(v => $"{v.Key}={(IsSecret(v.Key) ? SecretValues.Redacted : v.Value)}"));

    internal void Set(string name, string value, bool secret)
    {
        _values[name] = value;
        if (secret)
        {
            _secretNames.Add(name);
        }
        else
        {
            _secretNames.Remove(name);
        }
    }
}
