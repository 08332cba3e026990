using System.Net;

namespace Canvas.Api.Tests.Infrastructure;

/// <summary>
/// A request body sent in 64 KiB writes (or <c>chunkSize</c>), with or without a Content-Length, that can fail part way
/// the way a client whose connection drops does.
/// </summary>
public sealed class StreamingContent(byte[] bytes, int? failAfter, bool announceLength, Func<Task>? beforeFailing = null, int chunkSize = 64 * 1024) : HttpContent
{
    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        var chunk = chunkSize;
        for (var offset = 0; offset < bytes.Length; offset += chunk)
        {
            if (failAfter is { } limit && offset >= limit)
            {
                if (beforeFailing is not null)
                {
                    await stream.FlushAsync();
                    await beforeFailing();
                }
                throw new IOException("The client went away.");
            }
            await stream.WriteAsync(bytes.AsMemory(offset, Math.Min(chunk, bytes.Length - offset)));
            if (chunkSize < 64 * 1024)
            {
                await stream.FlushAsync(); // small packets, as a slow client sends them
            }
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = bytes.Length;
        return announceLength;
    }
}
