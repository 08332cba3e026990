using Canvas.Api.Images;
using Canvas.Api.Tests.Infrastructure;

namespace Canvas.Api.Tests;

/// <summary>The structure walk that decides whether a file is a complete image, fed the way uploads arrive: in slices.</summary>
public sealed class ImageStructureTests
{
    public static TheoryData<string> Kinds => ["png", "jpeg", "webp", "webp-lossless", "gif"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void ARealImageIsCompleteHoweverItsBytesAreSliced(string kind)
    {
        var bytes = Image(kind);

        foreach (var slice in new[] { 1, 3, 7, bytes.Length })
        {
            var structure = Walk(bytes, slice);
            Assert.Null(structure.Finish());
            Assert.Equal((300, 17), (structure.Header?.Width, structure.Header?.Height));
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void AnImageCutShortAnywhereIsIncomplete(string kind)
    {
        var bytes = Image(kind);

        for (var length = 1; length < bytes.Length; length += Math.Max(1, bytes.Length / 40))
        {
            Assert.NotNull(Walk(bytes[..length], 5, ImageHeader.DetectFormat(bytes)).Finish());
        }
        Assert.NotNull(Walk(bytes[..^1], 5).Finish());
    }

    [Fact]
    public void APngThatIsASignatureAndAnIhdrAndNothingElseIsIncomplete()
    {
        var error = Walk(TestImages.PngHeaderOnly(10, 10), 4).Finish();

        Assert.Contains("IDAT", error, StringComparison.Ordinal);
    }

    [Fact]
    public void APngWithoutImageDataIsRefusedAtItsIend()
    {
        var png = TestImages.Png(2, 2);
        byte[] noData = [.. png[..33], .. png[^12..]];

        Assert.Contains("IDAT", Walk(noData, 8).Finish(), StringComparison.Ordinal);
    }

    [Fact]
    public void AJpegWithoutAScanIsIncomplete()
    {
        var jpeg = TestImages.Jpeg(8, 8);
        var scan = IndexOfMarker(jpeg, 0xDA);
        byte[] noScan = [.. jpeg[..scan], 0xFF, 0xD9];

        Assert.Contains("SOS", Walk(noScan, 3).Finish(), StringComparison.Ordinal);
    }

    [Fact]
    public void BytesAfterAJpegsEndAreKeptButNotRead()
    {
        byte[] withTrailer = [.. TestImages.Jpeg(8, 8), .. new byte[1000]];

        Assert.Null(Walk(withTrailer, 64).Finish());
    }

    [Fact]
    public void AWebPWhoseRiffSizeDisagreesWithItsLengthIsIncomplete()
    {
        byte[] longer = [.. TestImages.WebP(8, 8), 0, 0];

        Assert.NotNull(Walk(longer, 16).Finish());
        Assert.NotNull(Walk(TestImages.WebP(8, 8)[..^2], 16).Finish());
    }

    [Fact]
    public void AGifWithoutItsTrailerIsIncomplete()
    {
        Assert.Contains("trailer", Walk(TestImages.Gif(4, 4)[..^1], 2).Finish(), StringComparison.Ordinal);
    }

    [Fact]
    public void EightMegabytesOfJpegFillBytesInSmallPacketsCostOneStepPerPacket()
    {
        const int packet = 512;
        byte[] start = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x00, 0x00];
        var fill = new byte[8 * 1024 * 1024];
        fill.AsSpan().Fill(0xFF);
        var structure = ImageStructure.For(ImageFormat.Jpeg)!;

        structure.Feed(start);
        for (var offset = 0; offset < fill.Length; offset += packet)
        {
            structure.Feed(fill.AsSpan(offset, packet));
        }

        Assert.Null(structure.Error); // fill bytes are allowed; the file just never gets to a frame
        Assert.InRange(structure.StepsTaken, 1, fill.Length / packet + 16);
        Assert.NotNull(structure.Finish());
    }

    [Fact]
    public async Task ReadingAHeaderFromManySmallPacketsLooksAtEachPacketOnce()
    {
        const int packet = 512;
        var bytes = new byte[8 * 1024 * 1024];
        bytes.AsSpan().Fill(0xFF);
        ((byte[])[0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x00, 0x00]).CopyTo(bytes, 0);
        using var trickle = new TrickleStream(bytes, packet);

        var (buffer, count, structure) = await PartReader.ReadHeaderAsync(trickle, bytes.Length, CancellationToken.None);
        System.Buffers.ArrayPool<byte>.Shared.Return(buffer);

        Assert.Equal((bytes.Length, null), (count, structure!.Header));
        Assert.InRange(structure.StepsTaken, 1, bytes.Length / packet + 16);
    }

    /// <summary>Hands out at most <paramref name="packet"/> bytes per read, as a socket does for a slow client.</summary>
    private sealed class TrickleStream(byte[] bytes, int packet) : MemoryStream(bytes, writable: false)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(packet, buffer.Length)], cancellationToken);
    }

    internal static ImageStructure Walk(byte[] bytes, int slice, ImageFormat? format = null)
    {
        var structure = ImageStructure.For(format ?? ImageHeader.DetectFormat(bytes)) ?? throw new InvalidOperationException("not an image");
        for (var offset = 0; offset < bytes.Length; offset += slice)
        {
            structure.Feed(bytes.AsSpan(offset, Math.Min(slice, bytes.Length - offset)));
        }
        return structure;
    }

    internal static int IndexOfMarker(byte[] jpeg, byte marker)
    {
        for (var i = 2; i < jpeg.Length - 1; i++)
        {
            if (jpeg[i] == 0xFF && jpeg[i + 1] == marker)
            {
                return i;
            }
        }
        throw new InvalidOperationException($"no FF{marker:X2}");
    }

    private static byte[] Image(string kind) => kind switch
    {
        "png" => TestImages.Png(300, 17),
        "jpeg" => TestImages.Jpeg(300, 17),
        "webp" => TestImages.WebP(300, 17),
        "webp-lossless" => TestImages.WebP(300, 17, quality: 100),
        _ => TestImages.Gif(300, 17),
    };
}
