using Canvas.Api.Infrastructure;

namespace Canvas.Api.Tasks;

/// <summary>
/// Before a session is deleted, its tasks that have not started are cancelled: otherwise they would
/// run and write results under a prefix that no longer belongs to anyone. A task already running
/// cannot be cancelled (the orchestrator only cancels queued ones) and finishes; its result object is
/// then the one thing a deleted session can leave behind.
/// </summary>
internal sealed class SessionTaskCancellation(TaskStore tasks, OrchestratorClient orchestrator)
{
    /// <summary>How many tasks were cancelled. Throws <see cref="OrchestratorUnavailableException"/> (a 503) when the orchestrator cannot say.</summary>
    public async Task<int> CancelQueuedAsync(string ownerId, Guid sessionId, CancellationToken cancellationToken)
    {
        var cancelled = 0;
        PageCursor? after = null;
        do
        {
            var page = await tasks.ListAsync(ownerId, sessionId, new PageRequest(PageRequest.MaxLimit, after), cancellationToken).ConfigureAwait(false);
            if (page.Items.Count > 0)
            {
                // One batched read per 100 tasks, then a cancel for each one still queued.
                foreach (var task in await orchestrator.GetManyAsync([.. page.Items.Select(record => record.Id)], cancellationToken).ConfigureAwait(false))
                {
                    if (task.Status == "queued" && await orchestrator.CancelAsync(task.Id, cancellationToken).ConfigureAwait(false))
                    {
                        cancelled++;
                    }
                }
            }
            after = page.ContinuationToken is { } token && PageCursor.TryDecode(token, out var cursor) ? cursor : null;
        }
        while (after is not null);
        return cancelled;
    }
}
