using Microsoft.Extensions.Options;

namespace Canvas.Api.Images;

/// <summary>
/// Presigned uploads that were never confirmed: once a pending row is past its URL's expiry plus
/// <see cref="ImagesOptions.PendingUploadGrace"/> (time to confirm an upload PUT at the last moment), the
/// row, its staged object and any half-copied image object are deleted, a batch at a time. Replicas may
/// sweep together: each row is deleted (and so handled) once. Objects whose delete fails, and PUTs to a
/// URL after its session was deleted, are left to the bucket's lifecycle rule on <c>staging/</c>.
/// </summary>
internal sealed partial class PendingUploadSweeper(
    ImageStore images, ImageObjects objects, IOptions<ImagesOptions> options, ILogger<PendingUploadSweeper> logger) : BackgroundService
{
    private const int BatchSize = 200;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await SweepAsync(stoppingToken).ConfigureAwait(false) == BatchSize)
                {
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogSweepFailed(exception);
            }
            await Task.Delay(options.Value.PendingSweepInterval, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>One batch; returns how many pending uploads it removed.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var expired = await images.DeleteExpiredPendingAsync(options.Value.PendingUploadGrace, BatchSize, cancellationToken).ConfigureAwait(false);
        foreach (var (sessionId, imageId, key) in expired)
        {
            await objects.DeleteAsync(ObjectKeys.Staging(sessionId, imageId), cancellationToken).ConfigureAwait(false);
            await objects.DeleteAsync(key, cancellationToken).ConfigureAwait(false);
        }
        if (expired.Count > 0)
        {
            LogSwept(expired.Count);
        }
        return expired.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed {Count} presigned uploads that were never confirmed")]
    private partial void LogSwept(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweeping expired presigned uploads failed; trying again on the next round")]
    private partial void LogSweepFailed(Exception exception);
}
