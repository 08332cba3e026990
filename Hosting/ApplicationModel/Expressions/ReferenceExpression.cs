using System.Runtime.CompilerServices;
using System.Text;

namespace Backend.Hosting.ApplicationModel;

/// <summary>
/// A string assembled from literals and late-bound values: in run mode it resolves to the concrete string,
/// in publish mode to the manifest expression (modelled on Aspire's <c>ReferenceExpression</c>).
/// </summary>
/// <example><c>ReferenceExpression.Create($"{server};Database={databaseName}")</c></example>
public sealed class ReferenceExpression : IValueProvider, IManifestExpressionProvider, ISecretAware
{
    private readonly IReadOnlyList<object> _parts;

    internal ReferenceExpression(IReadOnlyList<object> parts) => _parts = parts;

    /// <summary>Gets the late-bound values the expression refers to, in order.</summary>
    public IEnumerable<object> ValueProviders => _parts.Where(part => part is not string);

    /// <inheritdoc/>
    public string ValueExpression =>
        string.Concat(_parts.Select(part => part as string ?? ((IManifestExpressionProvider)part).ValueExpression));

    /// <inheritdoc/>
    public bool IsSecret => _parts.Any(SecretValues.IsSecret);

    /// <summary>Creates an expression from an interpolated string whose holes are value providers or literals.</summary>
    /// <param name="handler">The interpolated string.</param>
    public static ReferenceExpression Create(in ExpressionInterpolatedStringHandler handler) => handler.Build();

    /// <inheritdoc/>
    public async ValueTask<string?> GetValueAsync(CancellationToken cancellationToken = default)
    {
        var result = new StringBuilder();
        foreach (var part in _parts)
        {
            result.Append(part is string literal
                ? literal
                : await ((IValueProvider)part).GetValueAsync(cancellationToken).ConfigureAwait(false));
        }

        return result.ToString();
    }

    /// <summary>Returns the manifest form, never the resolved value, so that secrets cannot leak through logging.</summary>
    public override string ToString() => ValueExpression;

    /// <summary>Collects the parts of an interpolated string into a <see cref="ReferenceExpression"/>.</summary>
    [InterpolatedStringHandler]
    public readonly struct ExpressionInterpolatedStringHandler
    {
        private readonly List<object> _parts;

        /// <summary>Starts an expression (called by the compiler).</summary>
        /// <param name="literalLength">The total length of the literal parts.</param>
        /// <param name="formattedCount">The number of holes.</param>
        public ExpressionInterpolatedStringHandler(int literalLength, int formattedCount) =>
            _parts = new List<object>(formattedCount * 2 + 1);

        /// <summary>Appends a literal part.</summary>
        /// <param name="value">The literal.</param>
        public void AppendLiteral(string value) => _parts.Add(value);

        /// <summary>Appends a plain string value (kept as a literal).</summary>
        /// <param name="value">The value.</param>
        public void AppendFormatted(string? value) => _parts.Add(value ?? string.Empty);

        /// <summary>Appends a late-bound value.</summary>
        /// <param name="value">A value with both a run-mode value and a manifest expression.</param>
        /// <typeparam name="T">The provider type.</typeparam>
        public void AppendFormatted<T>(T value)
            where T : IValueProvider, IManifestExpressionProvider => _parts.Add(value);

        /// <summary>Appends the value of a resource such as a parameter or a connection string.</summary>
        /// <param name="builder">The resource's builder.</param>
        /// <typeparam name="T">The resource type.</typeparam>
        public void AppendFormatted<T>(IResourceBuilder<T> builder)
            where T : IResource, IValueProvider, IManifestExpressionProvider
        {
            ArgumentNullException.ThrowIfNull(builder);
            _parts.Add(builder.Resource);
        }

        internal ReferenceExpression Build() => new(_parts.AsReadOnly());
    }
}
