namespace Canvas.Api.Images;

/// <summary>What ingesting a stream of bytes gave: a stored image, or why nothing was stored.</summary>
internal abstract record IngestResult
{
    public sealed record Stored(string ContentType, long Size, int Width, int Height, byte[] Sha256) : IngestResult;

    public sealed record Rejected(IngestFailure Failure, string Detail) : IngestResult;

    /// <summary>The caller's <see cref="IngestHooks.MayStore"/> said no; nothing was stored.</summary>
    public sealed record Withheld : IngestResult;
}

internal enum IngestFailure
{
    Empty,
    TooLarge,
    UnsupportedType,

    /// <summary>The header is fine but the file is not a complete image of its format.</summary>
    Incomplete,

    /// <summary>The declared width, height or pixel count is above the configured limits.</summary>
    DimensionsTooLarge,
}

/// <summary>The source of the bytes failed (a client went away mid-upload); nothing was stored.</summary>
internal sealed class UploadInterruptedException(string message, Exception innerException) : Exception(message, innerException);

/// <summary>The server's request body limit cut the upload off: a 413 like our own limit.</summary>
internal sealed class UploadTooLargeException(Exception innerException) : Exception("The upload is larger than allowed.", innerException);

/// <summary>The body is not a well-formed request of its kind (a broken form); nothing was stored.</summary>
internal sealed class MalformedUploadException(string message, Exception innerException) : Exception(message, innerException);
