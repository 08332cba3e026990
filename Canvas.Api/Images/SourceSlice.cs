using System.Security.Cryptography;

namespace Canvas.Api.Images;

/// <summary>
/// The next <see cref="Length"/> bytes of an upload, handed to the S3 SDK as a request body while
/// they arrive: bytes already read (the header) first, then the client's body, hashed on the way.
/// A client that goes away, or sends less than it declared, fails the S3 request, so that nothing
/// partial is ever stored; <see cref="SourceFailure"/> then says it was the client, not S3.
/// It says it can seek because the SDK's part wrapper insists on it before reading forward; only a
/// "seek" to where it already is works, so a rewind (a retry) fails the request instead of resending
/// bytes that are gone.
/// Bytes from the client also go through the image's <see cref="ImageStructure"/> (the head already
/// did). With <paramref name="checkAtEnd"/> a body that is not a complete image fails its own last
/// read, so that S3 never gets its last byte and stores nothing: <see cref="StructureRefused"/> says so.
/// </summary>
internal sealed class SourceSlice(Stream source, ReadOnlyMemory<byte> head, long length, IncrementalHash sha256,
    ImageStructure structure, bool checkAtEnd = false) : Stream
{
    private ReadOnlyMemory<byte> _head = head;
    private long _position;

    public Exception? SourceFailure { get; private set; }

    /// <summary>The bytes were read in full and are not a complete image.</summary>
    public bool StructureRefused { get; private set; }

    /// <summary>S3 failed part way and the SDK tried to resend from an earlier position.</summary>
    public bool RewindAttempted { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position { get => _position; set => Seek(value, SeekOrigin.Begin); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var wanted = (int)Math.Min(buffer.Length, length - _position);
        if (wanted == 0)
        {
            return 0;
        }
        int read;
        if (!_head.IsEmpty)
        {
            read = Math.Min(wanted, _head.Length);
            _head[..read].CopyTo(buffer);
            _head = _head[read..];
        }
        else
        {
            try
            {
                read = await source.ReadAsync(buffer[..wanted], cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is IOException or OperationCanceledException)
            {
                SourceFailure = exception;
                throw;
            }
            if (read == 0)
            {
                SourceFailure = new EndOfStreamException($"The body ended {length - _position} bytes before the length it declared.");
                throw SourceFailure;
            }
            structure.Feed(buffer.Span[..read]);
        }
        sha256.AppendData(buffer.Span[..read]);
        _position += read;
        if (checkAtEnd && _position == length && structure.Finish() is not null)
        {
            StructureRefused = true;
            throw new InvalidDataException(structure.Error);
        }
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        if ((origin switch { SeekOrigin.Begin => offset, SeekOrigin.Current => _position + offset, _ => length + offset }) == _position)
        {
            return _position;
        }
        RewindAttempted = true;
        throw new NotSupportedException("The bytes of an upload in flight cannot be read twice.");
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
