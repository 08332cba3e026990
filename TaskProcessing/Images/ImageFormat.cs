namespace Backend.TaskProcessing.Images;

/// <summary>An output format of the image operations: its name in task parameters, MIME type and extension.</summary>
public sealed record ImageFormat(string Name, string ContentType, string Extension)
{
    public static ImageFormat Png { get; } = new("png", "image/png", ".png");
    public static ImageFormat Jpeg { get; } = new("jpeg", "image/jpeg", ".jpg");
    public static ImageFormat Webp { get; } = new("webp", "image/webp", ".webp");
    public static ImageFormat Gif { get; } = new("gif", "image/gif", ".gif");

    public static ImageFormat FromName(string name) => name switch
    {
        "png" => Png,
        "jpeg" => Jpeg,
        "webp" => Webp,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unsupported output format."),
    };

    /// <summary>
    /// The format of <paramref name="bytes"/> by its magic bytes, or null. Only these formats reach the
    /// decoder: libvips can load many more (SVG, PDF, …) that an image canvas has no business parsing.
    /// </summary>
    public static ImageFormat? Detect(ReadOnlySpan<byte> bytes) => bytes switch
    {
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, ..] => Png,
        [0xFF, 0xD8, 0xFF, ..] => Jpeg,
        [0x52, 0x49, 0x46, 0x46, _, _, _, _, 0x57, 0x45, 0x42, 0x50, ..] => Webp,
        [0x47, 0x49, 0x46, 0x38, ..] => Gif,
        _ => null,
    };
}
