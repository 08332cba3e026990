namespace Canvas.Api.Images;

/// <summary>
/// What the caller of <see cref="ImageIngest.IngestAsync"/> runs alongside it, so that its own round trips
/// overlap the transfer instead of following it.
/// </summary>
/// <param name="MayStore">
/// Awaited before the first byte goes to S3, so it can run while the bytes arrive (the session's owner
/// check); false stores nothing and gives <see cref="IngestResult.Withheld"/>.
/// </param>
/// <param name="Checked">
/// Started with the checked image alongside its last S3 request (the image's row, in a transaction the
/// caller commits afterwards). When it fails, the stored object is deleted and its exception propagates.
/// </param>
internal sealed record IngestHooks(Task<bool> MayStore, Func<IngestResult.Stored, Task> Checked)
{
    /// <summary>Store unconditionally, with nothing alongside.</summary>
    public static IngestHooks None { get; } = new(Task.FromResult(true), static _ => Task.CompletedTask);
}
