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
    /// A valid PNG header followed by random bytes up to <paramref name="size"/>: the API reads headers,
    /// never pixels, so this stands for a large photo without costing seconds to encode.
    /// </summary>
    public static byte[] LargePng(int size, int seed = 42)
    {
        var header = Png(64, 48);
        var bytes = new byte[size];
        header.CopyTo(bytes, 0);
        new Random(seed).NextBytes(bytes.AsSpan(header.Length));
        return bytes;
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
