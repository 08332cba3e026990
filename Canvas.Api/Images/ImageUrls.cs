using Amazon.S3;
using Microsoft.Extensions.Options;

namespace Canvas.Api.Images;

/// <summary>A URL to an object: on the CDN when one is configured (it does not expire), else a presigned GET.</summary>
internal sealed record ObjectUrl(Uri Url, DateTimeOffset? ExpiresAt);

internal sealed class ImageUrls(ImageObjects objects, IOptions<ImagesOptions> options, TimeProvider clock)
{
    public async Task<ObjectUrl> ForKeyAsync(string key)
    {
        if (options.Value.CdnBaseUrl is { } cdn)
        {
            // Keys are made of ids, '/' and '.', so they need no escaping.
            return new ObjectUrl(new Uri($"{cdn.AbsoluteUri.TrimEnd('/')}/{key}"), null);
        }
        var expiresAt = clock.GetUtcNow() + options.Value.UrlLifetime;
        var url = await objects.PresignAsync(key, HttpVerb.GET, expiresAt.UtcDateTime).ConfigureAwait(false);
        return new ObjectUrl(new Uri(url), expiresAt);
    }

    public async Task<ImageResponse> ToResponseAsync(ImageRecord image) =>
        ToResponse(image, await ForKeyAsync(image.ObjectKey).ConfigureAwait(false));

    /// <summary>The response for <paramref name="image"/> with a URL made beforehand (while its bytes were being stored).</summary>
    public static ImageResponse ToResponse(ImageRecord image, ObjectUrl url) =>
        new ImageResponse(
            image.Id,
            image.SessionId,
            image.ContentType ?? "application/octet-stream",
            image.Size ?? 0,
            image.Width ?? 0,
            image.Height ?? 0,
            image.Sha256 is { } sha256 ? Convert.ToHexStringLower(sha256) : string.Empty,
            image.FileName,
            image.CreatedAt,
            url.Url,
            url.ExpiresAt);
}
