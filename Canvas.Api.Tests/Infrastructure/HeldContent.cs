using System.Net;

namespace Canvas.Api.Tests.Infrastructure;

/// <summary>A body with a Content-Length that sends its first 64 bytes, then waits for <see cref="Gate"/> before the rest: a slow client, held still.</summary>
public sealed class HeldContent(byte[] bytes, HeldContent.Gate gate) : HttpContent
{
    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        var first = Math.Min(64, bytes.Length);
        await stream.WriteAsync(bytes.AsMemory(0, first));
        await stream.FlushAsync();
        await gate.WaitAsync();
        await stream.WriteAsync(bytes.AsMemory(first));
    }

    protected override bool TryComputeLength(out long length)
    {
        length = bytes.Length;
        return true;
    }

    /// <summary>Opened once, releasing every body waiting on it; disposing it opens it too, after the test's bound.</summary>
    public sealed class Gate : IDisposable
    {
        private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Open() => _open.TrySetResult();

        public Task WaitAsync() => _open.Task.WaitAsync(TimeSpan.FromSeconds(30));

        public void Dispose() => _open.TrySetResult();
    }
}

/// <summary>A body with a Content-Length sent 100 bytes every 200 ms (500 B/s: above Kestrel's default floor, below ours), until the server stops it or <paramref name="stop"/> is cancelled.</summary>
public sealed class TrickleContent(byte[] bytes, CancellationToken stop) : HttpContent
{
    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        for (var offset = 0; offset < bytes.Length && !stop.IsCancellationRequested; offset += 100)
        {
            await stream.WriteAsync(bytes.AsMemory(offset, Math.Min(100, bytes.Length - offset)), stop);
            await stream.FlushAsync(stop);
            await Task.Delay(200, stop);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = bytes.Length;
        return true;
    }
}
