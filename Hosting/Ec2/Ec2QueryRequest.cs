using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Backend.Hosting.Ec2;

/// <summary>A filter of a Describe call: <c>Filter.N.Name</c> and its <c>Filter.N.Value.M</c>.</summary>
internal sealed record Ec2Filter(string Name, IReadOnlyList<string> Values);

/// <summary>
/// The parameters of one EC2 Query protocol request. The SDK POSTs them form-urlencoded; EC2 also
/// takes them in a GET query string, so both are read. Lists are flattened as <c>Name.1</c>,
/// <c>Name.2</c>…; the SDK also sends a bare <c>Name=</c> for an empty list, which is ignored.
/// </summary>
internal sealed class Ec2QueryRequest(IReadOnlyDictionary<string, string> parameters)
{
    public string Action => parameters.TryGetValue("Action", out var action) && action.Length > 0
        ? action
        : throw new Ec2ApiException("MissingAction", "The request must contain the parameter Action");

    public static async Task<Ec2QueryRequest> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in request.Query)
        {
            parameters[name] = value.ToString();
        }
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
            foreach (var (name, value) in form)
            {
                parameters[name] = value.ToString();
            }
        }
        return new Ec2QueryRequest(parameters);
    }

    /// <summary>The values of <c>{name}.1</c>, <c>{name}.2</c>…, in index order.</summary>
    public IReadOnlyList<string> GetList(string name) => Indexed(name + ".")
        .Where(e => !e.Suffix.Contains('.', StringComparison.Ordinal))
        .Select(e => e.Value)
        .ToList();

    public IReadOnlyList<Ec2Filter> GetFilters() => Indexed("Filter.")
        .Where(e => e.Suffix.EndsWith(".Name", StringComparison.Ordinal))
        .Select(e => new Ec2Filter(e.Value, GetList(e.Key[..^".Name".Length] + ".Value")))
        .ToList();

    public bool GetBool(string name) => !parameters.TryGetValue(name, out var text) || text.Length == 0
        ? false
        : bool.TryParse(text, out var value)
            ? value
            : throw Ec2ApiException.InvalidParameterValue($"Value ({text}) for parameter {name} is invalid. Expected: 'true' or 'false'.");

    /// <summary>Parameters named <c>{prefix}N…</c>, ordered by N, with what follows N.</summary>
    private IEnumerable<(string Key, int Index, string Suffix, string Value)> Indexed(string prefix) => parameters
        .Where(p => p.Key.StartsWith(prefix, StringComparison.Ordinal))
        .Select(p =>
        {
            var afterPrefix = p.Key[prefix.Length..];
            var dot = afterPrefix.IndexOf('.', StringComparison.Ordinal);
            var number = dot < 0 ? afterPrefix : afterPrefix[..dot];
            var index = int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1;
            return (p.Key, index, Suffix: dot < 0 ? "" : afterPrefix[dot..], p.Value);
        })
        .Where(e => e.index > 0)
        .OrderBy(e => e.index)
        .Select(e => (e.Key, e.index, e.Suffix, e.Value));
}
