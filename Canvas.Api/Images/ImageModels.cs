namespace Canvas.Api.Images;

/// <summary>An image of a session, with a URL to fetch its bytes (expiring unless served by the CDN).</summary>
public sealed record ImageResponse(
    Guid Id,
    Guid SessionId,
    string ContentType,
    long Size,
    int Width,
    int Height,
    string Sha256,
    string? FileName,
    DateTimeOffset CreatedAt,
    Uri Url,
    DateTimeOffset? UrlExpiresAt);

/// <summary>Asks for a presigned PUT URL for exactly <c>size</c> bytes (required: the URL is signed for that length).</summary>
public sealed record UploadUrlRequest(string? FileName, long? Size);

/// <summary>PUT exactly <see cref="Size"/> bytes to <see cref="UploadUrl"/> before <see cref="ExpiresAt"/>, then confirm the image.</summary>
public sealed record UploadUrlResponse(Guid ImageId, Uri UploadUrl, string Method, DateTimeOffset ExpiresAt, long MaxBytes, long Size);

/// <summary>A row of the images table.</summary>
internal sealed record ImageRecord(
    Guid Id,
    Guid SessionId,
    string ObjectKey,
    bool IsReady,
    string? ContentType,
    long? Size,
    int? Width,
    int? Height,
    byte[]? Sha256,
    string? FileName,
    DateTimeOffset CreatedAt,
    long? DeclaredSize = null);
