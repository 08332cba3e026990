using Microsoft.AspNetCore.Http.HttpResults;

namespace Canvas.Api.Images;

/// <summary>The ProblemDetails a client gets for an upload that stored nothing.</summary>
internal static class UploadProblems
{
    public static ProblemHttpResult From(IngestResult.Rejected rejected) => rejected.Failure switch
    {
        IngestFailure.Empty => Problem(StatusCodes.Status400BadRequest, "Empty upload", rejected.Detail),
        IngestFailure.TooLarge => Problem(StatusCodes.Status413PayloadTooLarge, "Image too large", rejected.Detail),
        IngestFailure.Incomplete => Problem(StatusCodes.Status422UnprocessableEntity, "Incomplete image", rejected.Detail),
        IngestFailure.DimensionsTooLarge => Problem(StatusCodes.Status422UnprocessableEntity, "Image dimensions too large", rejected.Detail),
        _ => Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported image type", rejected.Detail),
    };

    public static ProblemHttpResult Interrupted() =>
        Problem(StatusCodes.Status400BadRequest, "Incomplete upload", "The upload ended before its last byte arrived; nothing was stored.");

    public static ProblemHttpResult TooLarge(long maxBytes) =>
        Problem(StatusCodes.Status413PayloadTooLarge, "Image too large", $"Images may be at most {maxBytes} bytes.");

    public static ProblemHttpResult BadForm(string detail) =>
        Problem(StatusCodes.Status400BadRequest, "Malformed form upload", detail);

    public static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(detail, statusCode: status, title: title);
}
