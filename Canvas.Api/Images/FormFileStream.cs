namespace Canvas.Api.Images;

/// <summary>
/// The file section of a multipart/form-data body. The framework's reader reports a malformed body
/// (a boundary line past its 100-byte limit, a missing closing boundary) with InvalidDataException
/// while the file is being read, deep inside ingestion; here it becomes <see cref="MalformedUploadException"/>,
/// which the upload endpoint answers with a 400 like any other bad form.
/// </summary>
internal sealed class FormFileStream(Stream section) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            return await section.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException exception)
        {
            throw new MalformedUploadException("The multipart/form-data body is malformed after its file part.", exception);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
