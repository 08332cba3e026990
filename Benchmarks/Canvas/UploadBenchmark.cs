using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Amazon.S3;
using Amazon.S3.Model;

namespace Backend.Benchmarks.Canvas;

/// <summary>
/// The same bytes to the same emulator two ways, alternately: through Canvas.Api (HTTP in, checks,
/// single PUT or 8 MiB multipart out) and straight from the S3 SDK (single PUT up to 8 MiB, else
/// multipart with the same 8 MiB parts, one at a time). The API's peak memory growth is read from
/// /proc during each 128 MiB upload.
/// </summary>
internal sealed class UploadBenchmark(HttpClient api, Guid sessionId, IAmazonS3 s3, string bucket, CanvasApiProcess process)
{
    private const int PartSize = 8 * 1024 * 1024;

    /// <param name="SizeMiB">The upload's size.</param>
    /// <param name="ApiMiBps">Through Canvas.Api.</param>
    /// <param name="RawMiBps">Straight from the S3 SDK, as a client would (the floor the goal is stated against).</param>
    /// <param name="PeakGrowthBytes">The API's peak RSS growth during the upload (128 MiB only).</param>
    /// <param name="RawWithChecksumMiBps">
    /// The raw single PUT given the bytes' SHA-256 as its checksum, as the API sends it (the SDK then
    /// computes no CRC32 of its own): what the API's own PUT costs, without the API. Null for multipart sizes.
    /// </param>
    /// <param name="WarmUp">The unmeasured rounds before the measured ones (<see cref="WarmUpAsync"/>).</param>
    public sealed record Result(int SizeMiB, double ApiMiBps, double RawMiBps, double? RawWithChecksumMiBps, long? PeakGrowthBytes, WarmUp WarmUp);

    /// <param name="Rounds">Unmeasured rounds of each path.</param>
    /// <param name="IdleCpu">CPU the API and this process used in the idle second that ended the warm-up.</param>
    public sealed record WarmUp(int Rounds, TimeSpan IdleCpu);

    public async Task<Result> RunAsync(int sizeMiB, int rounds)
    {
        var bytes = Png(sizeMiB * 1024 * 1024, seed: sizeMiB);
        var checksum = bytes.Length <= PartSize ? Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(bytes)) : null;
        var warmUp = await WarmUpAsync(bytes, checksum);
        ServerTimings.Clear();

        var apiTimes = new List<TimeSpan>();
        var rawTimes = new List<TimeSpan>();
        var checksumTimes = new List<TimeSpan>();
        long? peakGrowth = null;
        for (var round = 0; round < rounds; round++)
        {
            // Alternating which goes first, so that neither always meets the emulator right after the other.
            if (round % 2 == 1)
            {
                rawTimes.Add(await RawAsync(bytes, $"bench/raw/{sizeMiB}-{round}"));
            }
            var before = process.ResidentBytes();
            process.ResetPeak();
            apiTimes.Add(await ThroughApiAsync(bytes));
            peakGrowth = Math.Max(peakGrowth ?? 0, process.PeakResidentBytes() - before);
            if (round % 2 == 0)
            {
                rawTimes.Add(await RawAsync(bytes, $"bench/raw/{sizeMiB}-{round}"));
            }
            if (checksum is not null)
            {
                checksumTimes.Add(await RawAsync(bytes, $"bench/raw/{sizeMiB}-{round}-checksum", checksum));
            }
        }
        return new Result(sizeMiB, MiBps(sizeMiB, apiTimes), MiBps(sizeMiB, rawTimes),
            checksum is null ? null : MiBps(sizeMiB, checksumTimes), sizeMiB >= 128 ? peakGrowth : null, warmUp);
    }

    /// <summary>
    /// Unmeasured rounds of every path until the API and this process sit quiet when idle. The runtime
    /// recompiles hot methods in the background (tiered JIT, in several steps, each after a delay) for
    /// seconds after they first run; rounds measured meanwhile share the 2 cores with the compiler. With
    /// one warm-up round, as before, that thread was at 60% of a core during the measured 1 MiB rounds and
    /// the API/raw ratio read 0.65–0.77; warmed up until quiet, the same build read 0.91–0.95.
    /// </summary>
    private async Task<WarmUp> WarmUpAsync(byte[] bytes, string? checksum)
    {
        const int MaxCycles = 10;
        // Enough calls per cycle for a method to be promoted (the runtime counts 30) at small sizes; one round at large ones.
        var roundsPerCycle = bytes.Length <= PartSize ? 30 : 1;
        for (var cycle = 1; ; cycle++)
        {
            for (var round = 0; round < roundsPerCycle; round++)
            {
                await ThroughApiAsync(bytes);
                await RawAsync(bytes, "bench/raw/warmup");
                if (checksum is not null)
                {
                    await RawAsync(bytes, "bench/raw/warmup", checksum);
                }
            }
            var before = process.CpuTime() + BenchmarkHost.CpuTime(Environment.ProcessId);
            await Task.Delay(TimeSpan.FromSeconds(1));
            var idleCpu = process.CpuTime() + BenchmarkHost.CpuTime(Environment.ProcessId) - before;
            // An idle API uses ~1% of a core; the compiler at work, 60%.
            if (idleCpu < QuietCpuPerSecond || cycle == MaxCycles)
            {
                return new WarmUp(cycle * roundsPerCycle, idleCpu);
            }
        }
    }

    private static readonly TimeSpan QuietCpuPerSecond = TimeSpan.FromMilliseconds(50);

    /// <summary>The API's own account of each measured upload (its Server-Timing header).</summary>
    public List<string> ServerTimings { get; } = [];

    /// <summary>Median milliseconds per Server-Timing phase over the uploads so far.</summary>
    public IReadOnlyDictionary<string, double> MedianServerTimings() => ServerTimings
        .SelectMany(header => header.Split(", ").Select(phase => phase.Split(";dur=")))
        .GroupBy(parts => parts[0], parts => double.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture))
        .ToDictionary(group => group.Key, group => group.Order().ElementAt(group.Count() / 2));

    private async Task<TimeSpan> ThroughApiAsync(byte[] bytes)
    {
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        var started = Stopwatch.GetTimestamp();
        using var response = await api.PostAsync($"/api/sessions/{sessionId}/images", content);
        var elapsed = Stopwatch.GetElapsedTime(started);
        if (response.Headers.TryGetValues("Server-Timing", out var timing))
        {
            ServerTimings.Add(string.Join(", ", timing));
        }
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"Upload answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
        // The emulator holds every object in memory: removing each one keeps later rounds comparable.
        (await api.DeleteAsync(response.Headers.Location)).EnsureSuccessStatusCode();
        return elapsed;
    }

    private async Task<TimeSpan> RawAsync(byte[] bytes, string key, string? checksumSha256 = null)
    {
        var started = Stopwatch.GetTimestamp();
        if (bytes.Length <= PartSize)
        {
            await s3.PutObjectAsync(new PutObjectRequest
            {
                BucketName = bucket,
                Key = key,
                InputStream = new MemoryStream(bytes, writable: false),
                ContentType = "image/png",
                ChecksumSHA256 = checksumSha256,
            });
            var elapsed = Stopwatch.GetElapsedTime(started);
            await s3.DeleteObjectAsync(bucket, key);
            return elapsed;
        }
        var upload = await s3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = bucket, Key = key, ContentType = "image/png" });
        var parts = new List<PartETag>();
        for (var offset = 0; offset < bytes.Length; offset += PartSize)
        {
            var part = await s3.UploadPartAsync(new UploadPartRequest
            {
                BucketName = bucket,
                Key = key,
                UploadId = upload.UploadId,
                PartNumber = parts.Count + 1,
                InputStream = new MemoryStream(bytes, offset, Math.Min(PartSize, bytes.Length - offset), writable: false),
            });
            parts.Add(new PartETag(parts.Count + 1, part.ETag));
        }
        await s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest { BucketName = bucket, Key = key, UploadId = upload.UploadId, PartETags = parts });
        var total = Stopwatch.GetElapsedTime(started);
        await s3.DeleteObjectAsync(bucket, key);
        return total;
    }

    // Median of the rounds: one slow round (a GC in the emulator) says little about either path.
    private static double MiBps(int sizeMiB, List<TimeSpan> times) => sizeMiB / times.Order().ElementAt(times.Count / 2).TotalSeconds;

    /// <summary>
    /// <paramref name="size"/> bytes that pass the API's checks: a 1x1 PNG's signature and IHDR, one IDAT
    /// chunk of random bytes, IEND. The API checks the chunk structure, never the pixels.
    /// </summary>
    public static byte[] Png(int size, int seed = 1)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        PngHeader.CopyTo(bytes, 0);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(PngHeader.Length), bytes.Length - PngHeader.Length - 24);
        "IDAT"u8.CopyTo(bytes.AsSpan(PngHeader.Length + 4));
        ((byte[])[0, 0, 0, 0, .. "IEND"u8, 0xAE, 0x42, 0x60, 0x82]).CopyTo(bytes.AsSpan(bytes.Length - 12));
        return bytes;
    }

    // A 1x1 PNG's signature and IHDR.
    private static readonly byte[] PngHeader =
    [
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
        0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4, 0x89,
    ];
}
