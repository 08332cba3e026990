namespace Canvas.Api.Images;

public enum ImageFormat
{
    Png,
    Jpeg,
    Gif,
    WebP,
}

/// <summary>
/// What the first bytes of a file say: its format (magic bytes) and its dimensions (header fields).
/// Nothing is decoded, so a hostile file costs no more to inspect than a well-formed one.
/// </summary>
internal readonly record struct ImageHeader(ImageFormat Format, int Width, int Height)
{
    /// <summary>Bytes enough to tell every supported signature from the others (WebP's is the longest).</summary>
    public const int SignatureLength = 12;

    public string ContentType => ContentTypeOf(Format);

    public static string ContentTypeOf(ImageFormat format) => format switch
    {
        ImageFormat.Png => "image/png",
        ImageFormat.Jpeg => "image/jpeg",
        ImageFormat.Gif => "image/gif",
        _ => "image/webp",
    };

    /// <summary>The format named by the magic bytes, whatever the file claims elsewhere.</summary>
    public static ImageFormat? DetectFormat(ReadOnlySpan<byte> bytes) => bytes switch
    {
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, ..] => ImageFormat.Png,
        [0xFF, 0xD8, 0xFF, ..] => ImageFormat.Jpeg,
        [(byte)'G', (byte)'I', (byte)'F', (byte)'8', (byte)'7' or (byte)'9', (byte)'a', ..] => ImageFormat.Gif,
        [(byte)'R', (byte)'I', (byte)'F', (byte)'F', _, _, _, _, (byte)'W', (byte)'E', (byte)'B', (byte)'P', ..] => ImageFormat.WebP,
        _ => null,
    };

    /// <summary>Format and dimensions, or null when the bytes are not a well-formed start of a supported image.</summary>
    public static ImageHeader? TryRead(ReadOnlySpan<byte> bytes) => ImageStructure.Read(bytes)?.Header;
}
