namespace Backend.Hosting.Processes;

/// <summary>
/// The most recent output lines of a child process, kept in a bounded ring buffer so that a
/// chatty long-running process cannot grow memory without limit.
/// </summary>
public sealed class ProcessOutputLog(int capacity)
{
    private readonly Lock _lock = new();
    private readonly Queue<ProcessOutputLine> _lines = new(Math.Min(capacity, 256));
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Found)> _waiters = [];

    /// <summary>Raised for every line after it is stored, on a reader thread.</summary>
    public event EventHandler<ProcessOutputLine>? LineWritten;

    /// <summary>A copy of the lines held now, oldest first.</summary>
    public IReadOnlyList<ProcessOutputLine> Snapshot()
    {
        lock (_lock)
        {
            return [.. _lines];
        }
    }

    /// <summary>The last <paramref name="count"/> lines joined by line breaks, for error messages.</summary>
    public string Tail(int count = 30) => string.Join('\n', Snapshot().TakeLast(count));

    internal void Append(ProcessOutputLine line)
    {
        List<TaskCompletionSource<string>>? found = null;
        lock (_lock)
        {
            if (_lines.Count >= capacity)
            {
                _lines.Dequeue();
            }
            _lines.Enqueue(line);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Match(line.Text))
                {
                    (found ??= []).Add(_waiters[i].Found);
                    _waiters.RemoveAt(i);
                }
            }
        }
        found?.ForEach(tcs => tcs.TrySetResult(line.Text));
        LineWritten?.Invoke(this, line);
    }

    /// <summary>Completes with the first line, already stored or still to come, that matches.</summary>
    internal Task<string> WaitForLineAsync(Func<string, bool> match, CancellationToken cancellationToken)
    {
        var found = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            // Scan and register under one lock, so a line written in between cannot be missed.
            var existing = _lines.FirstOrDefault(l => match(l.Text));
            if (existing is not null)
            {
                return Task.FromResult(existing.Text);
            }
            _waiters.Add((match, found));
        }
        return found.Task.WaitAsync(cancellationToken);
    }
}
