using System.Buffers;

namespace Canvas.Api.Images;

/// <summary>
/// Fills a part buffer from an upload's source, turning the ways a source can fail into the two
/// outcomes ingestion cares about: too large (413) and interrupted (nothing stored).
/// </summary>
internal static class PartReader
{
    /// <summary>Where header reading starts; it doubles while the header is not complete.</summary>
    public const int InitialHeadBuffer = 64 * 1024;

    /// <summary>
    /// Reads no more than one byte past the limit: an oversized body is caught at once, before the
    /// server's own (larger) request body limit breaks the connection instead of answering 413.
    /// </summary>
    public static int Allowance(int partSize, long maxBytes, long total) => (int)Math.Min(partSize, maxBytes + 1 - total);

    /// <summary>Reads until the buffer holds <paramref name="limit"/> bytes or the source ends.</summary>
    public static async Task<(int Count, bool Ended)> FillAsync(Stream source, byte[] buffer, int limit, CancellationToken cancellationToken)
    {
        var count = 0;
        try
        {
            while (count < limit)
            {
                var read = await source.ReadAsync(buffer.AsMemory(count, limit - count), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return (count, true);
                }
                count += read;
            }
            return (count, false);
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw new UploadTooLargeException(exception);
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException)
        {
            throw new UploadInterruptedException("The upload ended before its last byte arrived.", exception);
        }
    }

    /// <summary>
    /// Reads until the bytes so far name a supported format and its dimensions, or cannot (an unknown
    /// signature, a broken structure, a full buffer, the end of the body): the header decides before
    /// anything is stored. Each packet is fed once to the format's <see cref="ImageStructure"/>, which
    /// resumes where it stopped, so a header spread over many small packets costs linear time; the
    /// structure goes on to read the rest of the body.
    /// </summary>
    public static async Task<(byte[] Buffer, int Count, ImageStructure? Structure)> ReadHeaderAsync(Stream source, int limit, CancellationToken cancellationToken)
    {
        // Most headers are in the first few KiB: start small and grow only while the header is still
        // to come (a JPEG's EXIF can be large), so a slow upload does not pin 8 MiB while it trickles in.
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(InitialHeadBuffer, limit));
        var count = 0;
        ImageStructure? structure = null;
        try
        {
            while (count < limit)
            {
                if (count == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(limit, 2L * buffer.Length));
                    buffer.AsSpan(0, count).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
                var read = await source.ReadAsync(buffer.AsMemory(count, Math.Min(buffer.Length, limit) - count), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }
                count += read;
                if (structure is not null)
                {
                    structure.Feed(buffer.AsSpan(count - read, read));
                }
                else if (count >= ImageHeader.SignatureLength)
                {
                    // No supported format starts like this, however much more arrives: stop reading.
                    structure = ImageStructure.For(ImageHeader.DetectFormat(buffer.AsSpan(0, count)));
                    structure?.Feed(buffer.AsSpan(0, count));
                    if (structure is null)
                    {
                        return (buffer, count, null);
                    }
                }
                if (structure is { Header: not null } or { Error: not null })
                {
                    return (buffer, count, structure);
                }
            }
            if (structure is null && ImageStructure.For(ImageHeader.DetectFormat(buffer.AsSpan(0, count))) is { } shortFile)
            {
                shortFile.Feed(buffer.AsSpan(0, count));
                structure = shortFile;
            }
            return (buffer, count, structure);
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw new UploadTooLargeException(exception);
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw new UploadInterruptedException("The upload ended before its last byte arrived.", exception);
        }
    }
}
