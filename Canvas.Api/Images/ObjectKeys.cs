namespace Canvas.Api.Images;

/// <summary>
/// Every object of a session lives under its own prefix, and every key is made of ids the server
/// chose: nothing a user typed (a file name, a title) ever reaches a key.
/// </summary>
internal static class ObjectKeys
{
    public static string SessionPrefix(Guid sessionId) => $"sessions/{sessionId:D}/";

    public static string Image(Guid sessionId, Guid imageId) => $"{SessionPrefix(sessionId)}images/{imageId:D}";

    /// <summary>
    /// Where a presigned PUT lands; confirmation copies the checked bytes to <see cref="Image"/>. A prefix
    /// of its own at the top of the bucket, so that one lifecycle rule expires whatever is left there
    /// (a URL used after its session was deleted, a confirm that never came).
    /// </summary>
    public static string Staging(Guid sessionId, Guid imageId) => $"{StagingPrefix(sessionId)}{imageId:D}";

    public const string AllStaging = "staging/";

    public static string StagingPrefix(Guid sessionId) => $"{AllStaging}{sessionId:D}/";

    /// <summary>Where the orchestrator writes task results for the session.</summary>
    public static string Results(Guid sessionId) => $"{SessionPrefix(sessionId)}results/";
}
