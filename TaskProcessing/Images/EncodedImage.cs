namespace Backend.TaskProcessing.Images;

/// <summary>Encoded image bytes with what a task result reports about them.</summary>
public sealed record EncodedImage(byte[] Bytes, ImageFormat Format, int Width, int Height);
