using System.Buffers;
using System.Security.Cryptography;

namespace Canvas.Api.Images;

internal sealed partial class ImageIngest
{
    /// <summary>
    /// Up to this declared length a body is received whole, checked whole, and then sent as one PUT from
    /// memory with its SHA-256 as the checksum. A body streamed through (as larger ones are) has no hash
    /// until its last byte, so the SDK signs it chunk by chunk with a trailing checksum: on the emulator a
    /// 1 MiB PUT took 7.6 ms that way against 5.5 ms from memory (and 9.5 ms for a plain SDK PUT, which
    /// adds a CRC32 of its own); receiving 4 MiB over the wire costs less. An upload slot
    /// (<see cref="UploadSlots"/>) bounds how many such buffers exist, and nothing reaches S3 unless the
    /// whole file passed.
    /// </summary>
    public const int WholeBodyLimit = 4 * 1024 * 1024;

    private async Task<IngestResult> ReceiveWholeAsync(Stream source, string key, int length, IngestHooks hooks, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            // One byte more than declared would be the server's to refuse; Kestrel ends the body at its Content-Length.
            var (count, _) = await PartReader.FillAsync(source, buffer, length, cancellationToken).ConfigureAwait(false);
            if (count < length)
            {
                throw new UploadInterruptedException("The upload ended before its last byte arrived.",
                    new EndOfStreamException($"The body ended {length - count} bytes before the length it declared."));
            }
            var structure = ImageStructure.Read(buffer.AsSpan(0, count));
            if (structure?.Header is not { } header)
            {
                return Unsupported(buffer.AsSpan(0, count), structure);
            }
            if (TooManyPixels(header) is { } refused)
            {
                return refused;
            }
            using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            sha256.AppendData(buffer, 0, count);
            return await PutWholeAsync(key, buffer, count, structure, header, sha256, hooks, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
