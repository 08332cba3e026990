using System.Net;

namespace Canvas.Api.Tests.Infrastructure;

/// <summary>
/// A request body sent in 64 KiB writes, with or without a Content-Length, that can fail part way
/// the way a client whose connection drops does.
/// </summary>
public sealed class StreamingContent(byte[] bytes, int? failAfter, bool announceLength, Func<Task>? beforeFailing = null) : HttpContent
{
    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        const int chunk = 64 * 1024;
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
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = bytes.Length;
        return announceLength;
    }
}
