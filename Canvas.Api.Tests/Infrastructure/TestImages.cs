using System.Buffers.Binary;
using System.Security.Cryptography;
using SkiaSharp;

namespace Canvas.Api.Tests.Infrastructure;

/// <summary>Small real images made in code (SkiaSharp encodes PNG, JPEG and WebP; GIF is written by hand).</summary>
public static class TestImages
{
    public static byte[] Png(int width, int height) => Encode(SKEncodedImageFormat.Png, width, height, 100);

    public static byte[] Jpeg(int width, int height) => Encode(SKEncodedImageFormat.Jpeg, width, height, 85);

    /// <summary>Lossy WebP (a VP8 chunk); quality 100 gives lossless (VP8L).</summary>
    public static byte[] WebP(int width, int height, int quality = 80) => Encode(SKEncodedImageFormat.Webp, width, height, quality);

    /// <summary>A GIF89a with a 2-colour palette and one image of the given size.</summary>
    public static byte[] Gif(int width, int height)
    {
        var bytes = new List<byte>("GIF89a"u8.ToArray());
        bytes.AddRange(UInt16(width));
        bytes.AddRange(UInt16(height));
        bytes.AddRange([0x80, 0x00, 0x00, 0xFF, 0x00, 0x00, 0x00, 0x00, 0xFF]); // global colour table: red, blue
        bytes.Add(0x2C); // image descriptor
        bytes.AddRange([0, 0, 0, 0]);
        bytes.AddRange(UInt16(width));
        bytes.AddRange(UInt16(height));
        bytes.AddRange([0x00, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3B]); // minimal LZW data, trailer
        return [.. bytes];
    }

    /// <summary>
    /// A real 64x48 PNG with an ancillary chunk of random bytes before its IEND, <paramref name="size"/>
    /// bytes in all: the API checks chunks, never pixels, so this stands for a large photo without
    /// costing seconds to encode.
    /// </summary>
    public static byte[] LargePng(int size, int seed = 42)
    {
        var png = Png(64, 48);
        var body = png.AsSpan(0, png.Length - 12); // all but IEND
        var bytes = new byte[size];
        body.CopyTo(bytes);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(body.Length), size - body.Length - 24);
        "rNDm"u8.CopyTo(bytes.AsSpan(body.Length + 4));
        new Random(seed).NextBytes(bytes.AsSpan(body.Length + 8, size - body.Length - 24));
        png.AsSpan(png.Length - 12).CopyTo(bytes.AsSpan(size - 12));
        return bytes;
    }

    /// <summary>A PNG signature and an IHDR chunk declaring <paramref name="width"/>x<paramref name="height"/>, then whatever <paramref name="rest"/> is.</summary>
    public static byte[] PngHeaderOnly(int width, int height, byte[]? rest = null)
    {
        var png = Png(1, 1);
        var header = png[..33];
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(16), width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(20), height);
        return [.. header, .. rest ?? []];
    }

    /// <summary>A real PNG whose IHDR is rewritten to declare <paramref name="width"/>x<paramref name="height"/> (its CRC is then wrong; the API does not check CRCs).</summary>
    public static byte[] PngDeclaring(int width, int height)
    {
        var png = Png(4, 4);
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(16), width);
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(20), height);
        return png;
    }

    public static string Sha256Hex(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static byte[] Encode(SKEncodedImageFormat format, int width, int height, int quality)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.Coral);
            using var paint = new SKPaint { Color = SKColors.SteelBlue };
            canvas.DrawCircle(width / 2f, height / 2f, Math.Min(width, height) / 3f, paint);
        }
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, quality);
        return data.ToArray();
    }

    private static byte[] UInt16(int value)
    {
        var bytes = new byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, (ushort)value);
        return bytes;
    }
}
