using Amazon.S3;
using Amazon.S3.Model;
using NetVips;

namespace Backend.Orchestrator.Tests.Infrastructure;

/// <summary>Real encoded images made on the spot, uploaded where a task reads its input.</summary>
public static class TestImages
{
    public static byte[] Png(int width, int height) => Gradient(width, height).PngsaveBuffer();

    public static byte[] Jpeg(int width, int height) => Gradient(width, height).JpegsaveBuffer(q: 90);

    public static async Task<string> UploadAsync(IAmazonS3 s3, string bucket, byte[] bytes, string? key = null)
    {
        key ??= $"inputs/{Guid.NewGuid():N}";
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, InputStream = new MemoryStream(bytes) }, TestContext.Current.CancellationToken);
        return key;
    }

    public static async Task<byte[]> DownloadAsync(IAmazonS3 s3, string bucket, string key)
    {
        using var response = await s3.GetObjectAsync(bucket, key, TestContext.Current.CancellationToken);
        using var buffer = new MemoryStream();
        await response.ResponseStream.CopyToAsync(buffer, TestContext.Current.CancellationToken);
        return buffer.ToArray();
    }

    /// <summary>The decoded format (libvips loader name) and size of <paramref name="bytes"/>.</summary>
    public static (string Loader, int Width, int Height) Decode(byte[] bytes)
    {
        using var image = Image.NewFromBuffer(bytes);
        return ((string)image.Get("vips-loader"), image.Width, image.Height);
    }

    private static Image Gradient(int width, int height)
    {
        using var x = Image.Xyz(width, height);
        using var bands = x.Bandsplit()[0];
        using var red = bands * (255.0 / width);
        return red.Bandjoin(red, red).Cast(Enums.BandFormat.Uchar);
    }
}
