using Canvas.Api.Data;
using Canvas.Api.Images;
using Canvas.Api.Tests.Infrastructure;
using Npgsql;

namespace Canvas.Api.Tests;

public sealed class ImageHeaderTests
{
    [Theory]
    [InlineData("png", ImageFormat.Png)]
    [InlineData("jpeg", ImageFormat.Jpeg)]
    [InlineData("webp", ImageFormat.WebP)]
    [InlineData("webp-lossless", ImageFormat.WebP)]
    [InlineData("gif", ImageFormat.Gif)]
    public void TheHeaderGivesFormatAndDimensions(string kind, ImageFormat format)
    {
        var bytes = kind switch
        {
            "png" => TestImages.Png(300, 17),
            "jpeg" => TestImages.Jpeg(300, 17),
            "webp" => TestImages.WebP(300, 17),
            "webp-lossless" => TestImages.WebP(300, 17, quality: 100),
            _ => TestImages.Gif(300, 17),
        };

        Assert.Equal(new ImageHeader(format, 300, 17), ImageHeader.TryRead(bytes));
    }

    [Fact]
    public void AnExtendedWebPGivesItsCanvasSize()
    {
        // RIFF, size (the rest of the file), WEBP, VP8X, chunk size 10, flags, reserved, canvas width-1 and height-1 (24-bit little endian).
        byte[] bytes = [.. "RIFF"u8, 22, 0, 0, 0, .. "WEBPVP8X"u8, 10, 0, 0, 0, 0x10, 0, 0, 0, 0x1F, 0x03, 0x00, 0xC7, 0x00, 0x00, 0, 0];

        Assert.Equal(new ImageHeader(ImageFormat.WebP, 800, 200), ImageHeader.TryRead(bytes));
    }

    [Fact]
    public void AJpegWhoseFrameHeaderComesAfterLargeMetadataIsRead()
    {
        var jpeg = TestImages.Jpeg(64, 32);
        var app1 = new byte[60_000];
        app1[0] = 0xFF;
        app1[1] = 0xE1;
        app1[2] = (byte)((app1.Length - 2) >> 8);
        app1[3] = (byte)((app1.Length - 2) & 0xFF);
        byte[] withExif = [.. jpeg[..2], .. app1, .. jpeg[2..]];

        Assert.Equal(new ImageHeader(ImageFormat.Jpeg, 64, 32), ImageHeader.TryRead(withExif));
    }

    [Theory]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47 })]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xD9 })]
    [InlineData(new byte[] { 0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x00, 0x00, 0x05, 0x00 })]
    [InlineData(new byte[] { 0x3C, 0x68, 0x74, 0x6D, 0x6C, 0x3E })]
    public void BytesThatAreNotAWholeImageHeaderGiveNothing(byte[] bytes)
    {
        Assert.Null(ImageHeader.TryRead(bytes));
    }
}

public sealed class FileNameTests
{
    [Theory]
    [InlineData("photo.png", "photo.png")]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("C:\\Users\\me\\cat.jpg", "cat.jpg")]
    [InlineData("evil\u202Egnp.exe", "evilgnp.exe")]
    [InlineData("a\u061Cb\u2067c", "abc")]
    [InlineData("..hidden", "hidden")]
    [InlineData("   ", null)]
    [InlineData("a\u0000b\nc", "abc")]
    public void FileNamesKeepOnlyTheirLastSegmentWithoutControlCharacters(string given, string? expected)
    {
        Assert.Equal(expected, FileNames.Sanitize(given));
    }

    [Fact]
    public void LongFileNamesAreCut()
    {
        Assert.Equal(255, FileNames.Sanitize(new string('x', 1000) + ".png")!.Length);
    }
}

public sealed class PostgresConnectionStringTests
{
    [Fact]
    public void ASupabaseUrlBecomesAnNpgsqlConnectionString()
    {
        var normalized = PostgresConnectionString.Normalize("postgresql://postgres.abc:p%40ss%3Aword@aws-0-eu-west-1.pooler.supabase.com:5432/postgres?sslmode=require");

        var builder = new NpgsqlConnectionStringBuilder(normalized);
        Assert.Equal(("aws-0-eu-west-1.pooler.supabase.com", 5432, "postgres", "postgres.abc", "p@ss:word", SslMode.Require),
            (builder.Host, builder.Port, builder.Database, builder.Username, builder.Password, builder.SslMode));
    }

    [Fact]
    public void AKeywordConnectionStringIsKeptAsItIs()
    {
        const string keywords = "Host=127.0.0.1;Port=5433;Username=postgres;Database=canvasdb";

        Assert.Equal(keywords, PostgresConnectionString.Normalize(keywords));
    }
}

public sealed class AuthOptionsTests
{
    [Fact]
    public void TheIssuerOfASupabaseProjectIsDerivedFromItsJwksUrl()
    {
        var options = new Canvas.Api.Auth.AuthOptions { JwksUrl = new Uri("https://abcd.supabase.co/auth/v1/.well-known/jwks.json") };

        Assert.Equal("https://abcd.supabase.co/auth/v1", options.EffectiveIssuer);
    }

    [Fact]
    public void AnExplicitIssuerWinsAndAForeignJwksUrlNeedsOne()
    {
        var explicitIssuer = new Canvas.Api.Auth.AuthOptions { JwksUrl = new Uri("https://abcd.supabase.co/auth/v1/.well-known/jwks.json"), Issuer = "https://auth.example" };
        var foreign = new Canvas.Api.Auth.AuthOptions { JwksUrl = new Uri("https://keys.example/jwks") };

        Assert.Equal("https://auth.example", explicitIssuer.EffectiveIssuer);
        Assert.Contains(foreign.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(foreign)),
            result => result.MemberNames.Contains("Issuer"));
    }

    [Fact]
    public void ASecretAloneIsNotEnoughTheIssuerMustBeSaid()
    {
        var secretOnly = new Canvas.Api.Auth.AuthOptions { JwtSecret = new string('s', 32) };
        var withIssuer = new Canvas.Api.Auth.AuthOptions { JwtSecret = new string('s', 32), Issuer = "https://abcd.supabase.co/auth/v1" };

        var refused = Assert.Single(secretOnly.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(secretOnly)));
        Assert.Contains("Auth:Issuer", refused.ErrorMessage, StringComparison.Ordinal);
        Assert.Empty(withIssuer.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(withIssuer)));
    }
}
