using System.Security.Cryptography;
using Amazon.S3.Model;
using Backend.Hosting.Testing;

namespace Backend.Hosting.Tests;

public sealed class S3Tests(LocalDependenciesFixture dependencies)
{
    // fauxqs rejects request bodies above 11 MiB, so large objects go up in parts of at most 8 MiB.
    private const int PartSize = 8 * 1024 * 1024;

    [Fact]
    public async Task MultipartUploadOf32MiBRoundTripsByteForByte()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var bucket = await dependencies.CreateBucketAsync(cancellationToken);
        var content = new byte[(32 * 1024 * 1024) + 12345]; // a short last part, too
        Random.Shared.NextBytes(content);

        var upload = await dependencies.S3.InitiateMultipartUploadAsync(bucket, "images/large.bin", cancellationToken);
        var parts = new List<PartETag>();
        for (var (offset, number) = (0, 1); offset < content.Length; offset += PartSize, number++)
        {
            using var part = new MemoryStream(content, offset, Math.Min(PartSize, content.Length - offset), writable: false);
            var uploaded = await dependencies.S3.UploadPartAsync(new UploadPartRequest
            {
                BucketName = bucket,
                Key = "images/large.bin",
                UploadId = upload.UploadId,
                PartNumber = number,
                InputStream = part,
            }, cancellationToken);
            parts.Add(new PartETag(number, uploaded.ETag));
        }
        await dependencies.S3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = bucket,
            Key = "images/large.bin",
            UploadId = upload.UploadId,
            PartETags = parts,
        }, cancellationToken);

        using var got = await dependencies.S3.GetObjectAsync(bucket, "images/large.bin", cancellationToken);
        var downloadedHash = await SHA256.HashDataAsync(got.ResponseStream, cancellationToken);

        Assert.Equal(5, parts.Count);
        Assert.Equal(content.Length, got.ContentLength);
        Assert.Equal(Convert.ToHexString(SHA256.HashData(content)), Convert.ToHexString(downloadedHash));
    }
}
