using System.Buffers.Binary;

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
    public static ImageHeader? TryRead(ReadOnlySpan<byte> bytes)
    {
        var format = DetectFormat(bytes);
        var size = format switch
        {
            ImageFormat.Png => ReadPng(bytes),
            ImageFormat.Jpeg => JpegHeader.ReadSize(bytes),
            ImageFormat.Gif => ReadGif(bytes),
            ImageFormat.WebP => ReadWebP(bytes),
            _ => null,
        };
        return format is { } known && size is ({ } width, { } height) && width > 0 && height > 0
            ? new ImageHeader(known, width, height)
            : null;
    }

    // Signature, then the IHDR chunk, which the specification requires to come first.
    private static (int, int)? ReadPng(ReadOnlySpan<byte> bytes) =>
        bytes.Length >= 24 && bytes[12..16].SequenceEqual("IHDR"u8)
            ? (ToInt(BinaryPrimitives.ReadUInt32BigEndian(bytes[16..])), ToInt(BinaryPrimitives.ReadUInt32BigEndian(bytes[20..])))
            : null;

    // The logical screen descriptor follows the six-byte signature.
    private static (int, int)? ReadGif(ReadOnlySpan<byte> bytes) =>
        bytes.Length >= 10
            ? (BinaryPrimitives.ReadUInt16LittleEndian(bytes[6..]), BinaryPrimitives.ReadUInt16LittleEndian(bytes[8..]))
            : null;

    // The first chunk after "WEBP" is VP8 (lossy), VP8L (lossless) or VP8X (extended, with the canvas size).
    private static (int, int)? ReadWebP(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 30)
        {
            return null;
        }
        var chunk = bytes[12..16];
        if (chunk.SequenceEqual("VP8 "u8) && bytes[23] == 0x9D && bytes[24] == 0x01 && bytes[25] == 0x2A)
        {
            return (BinaryPrimitives.ReadUInt16LittleEndian(bytes[26..]) & 0x3FFF, BinaryPrimitives.ReadUInt16LittleEndian(bytes[28..]) & 0x3FFF);
        }
        if (chunk.SequenceEqual("VP8L"u8) && bytes[20] == 0x2F)
        {
            var bits = BinaryPrimitives.ReadUInt32LittleEndian(bytes[21..]);
            return ((int)(bits & 0x3FFF) + 1, (int)((bits >> 14) & 0x3FFF) + 1);
        }
        if (chunk.SequenceEqual("VP8X"u8))
        {
            return (ReadUInt24(bytes[24..]) + 1, ReadUInt24(bytes[27..]) + 1);
        }
        return null;
    }

    private static int ReadUInt24(ReadOnlySpan<byte> bytes) => bytes[0] | (bytes[1] << 8) | (bytes[2] << 16);

    private static int ToInt(uint value) => value > int.MaxValue ? 0 : (int)value;
}
