namespace Canvas.Api.Auth;

/// <summary>The authenticated caller: Supabase puts the user's id in the <c>sub</c> claim.</summary>
public sealed record CurrentUser(string Id)
{
    public const string SubjectClaim = "sub";

    /// <summary>Minimal APIs bind this from the validated token; a token without <c>sub</c> never gets this far.</summary>
    public static ValueTask<CurrentUser?> BindAsync(HttpContext context) =>
        ValueTask.FromResult(context.User.FindFirst(SubjectClaim)?.Value is { Length: > 0 } id ? new CurrentUser(id) : null);
}
