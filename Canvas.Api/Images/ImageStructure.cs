namespace Canvas.Api.Images;

/// <summary>
/// Walks an image file's structure as its bytes arrive, in any slices: the header's dimensions as soon
/// as they are in, and at the end whether the file was a complete image of its format. Each byte is
/// looked at once (fields are collected, segment bodies skipped by their length, scan data searched
/// with vectorized IndexOf), so a hostile file costs time linear in its size however it is sliced.
/// Nothing is decoded. One reader per format: <see cref="PngStructure"/>, <see cref="JpegStructure"/>,
/// <see cref="GifStructure"/>, <see cref="WebPStructure"/>.
/// </summary>
internal abstract class ImageStructure(ImageFormat format)
{
    private readonly byte[] _field = new byte[16];
    private int _fieldLength;
    private int _fieldFilled;
    private long _skip;

    public ImageFormat Format => format;

    /// <summary>Dimensions, once the bytes so far hold them.</summary>
    public ImageHeader? Header { get; private set; }

    /// <summary>Why the bytes cannot be this format's image; set once, and nothing more is read after it.</summary>
    public string? Error { get; private set; }

    /// <summary>Bytes fed so far, including any after the image's end.</summary>
    public long Length { get; private set; }

    /// <summary>The format's end marker was seen; anything after it is not looked at.</summary>
    protected bool Ended { get; private set; }

    /// <summary>Work done: bytes handed to the format's own logic one at a time (tests check it stays linear).</summary>
    public long StepsTaken { get; private set; }

    public static ImageStructure? For(ImageFormat? format) => format switch
    {
        ImageFormat.Png => new PngStructure(),
        ImageFormat.Jpeg => new JpegStructure(),
        ImageFormat.Gif => new GifStructure(),
        ImageFormat.WebP => new WebPStructure(),
        _ => null,
    };

    /// <summary>The reader for the format <paramref name="bytes"/> start with, fed with them; null for no supported format.</summary>
    public static ImageStructure? Read(ReadOnlySpan<byte> bytes)
    {
        var structure = For(ImageHeader.DetectFormat(bytes));
        structure?.Feed(bytes);
        return structure;
    }

    public void Feed(ReadOnlySpan<byte> bytes)
    {
        Length += bytes.Length;
        while (!bytes.IsEmpty && Error is null && !Ended)
        {
            StepsTaken++;
            if (_skip > 0)
            {
                var skipped = (int)Math.Min(_skip, bytes.Length);
                _skip -= skipped;
                bytes = bytes[skipped..];
            }
            else if (_fieldLength > 0)
            {
                var take = Math.Min(_fieldLength - _fieldFilled, bytes.Length);
                bytes[..take].CopyTo(_field.AsSpan(_fieldFilled));
                _fieldFilled += take;
                bytes = bytes[take..];
                if (_fieldFilled == _fieldLength)
                {
                    var length = _fieldLength;
                    _fieldLength = _fieldFilled = 0;
                    OnField(_field.AsSpan(0, length));
                }
            }
            else
            {
                var used = Scan(bytes);
                bytes = bytes[used..];
            }
        }
    }

    /// <summary>Null when the bytes fed were one complete image, else why not.</summary>
    public string? Finish()
    {
        if (Error is null && !IsComplete())
        {
            Fail(Header is null
                ? $"The file ends before its {format} header is complete."
                : $"The {format} file is incomplete: {MissingPart()}.");
        }
        return Error;
    }

    /// <summary>Collects the next <paramref name="count"/> (≤ 16) bytes and hands them to <see cref="OnField"/>.</summary>
    protected void Need(int count) => _fieldLength = count;

    /// <summary>Passes over the next <paramref name="count"/> bytes unread.</summary>
    protected void Skip(long count) => _skip += count;

    protected void Fail(string error) => Error ??= error;

    protected void End() => Ended = true;

    protected void Found(int width, int height)
    {
        if (Header is not null)
        {
            return;
        }
        if (width <= 0 || height <= 0)
        {
            Fail($"The {format} header declares an empty image ({width}x{height}).");
            return;
        }
        Header = new ImageHeader(format, width, height);
    }

    protected abstract void OnField(ReadOnlySpan<byte> field);

    /// <summary>For formats with unframed data (JPEG scans): consumes some of <paramref name="bytes"/>, returns how many.</summary>
    protected virtual int Scan(ReadOnlySpan<byte> bytes) => throw new InvalidOperationException("Every state of this format needs a field or a skip.");

    protected abstract bool IsComplete();

    protected abstract string MissingPart();
}
