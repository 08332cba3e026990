using Backend.TaskProcessing.Consumer;
using Backend.TaskProcessing.Images;
using Backend.TaskProcessing.Tasks;

namespace Backend.TaskProcessing.Handlers;

/// <summary>
/// The shape every image handler shares: read the input from S3, reserve what decoding it will cost
/// from the process's <see cref="ImageMemoryBudget"/> (its header says, before a pixel is decoded),
/// transform it off the thread pool's async path, write the result to <c>outputPrefix + taskId + extension</c>
/// (so a retry overwrites its own output).
/// </summary>
public abstract class ImageTaskHandler(ImageStorage storage, ImageMemoryBudget budget) : ITaskHandler
{
    /// <summary>Bytes per decoded pixel: libvips works on 8-bit RGBA at most for these formats.</summary>
    protected const long BytesPerPixel = 4;

    public abstract string TaskType { get; }

    public async Task<TaskResult> HandleAsync(TaskRecord task, CancellationToken cancellationToken)
    {
        var input = task.InputKey ?? throw new PermanentTaskException($"a {task.Type} task needs an input image");
        var bytes = await storage.ReadAsync(input, cancellationToken).ConfigureAwait(false);
        var (width, height) = ImageOperations.Measure(bytes);
        EncodedImage output;
        using (await budget.ReserveAsync(bytes.LongLength + DecodedBytes(task, width, height), cancellationToken).ConfigureAwait(false))
        {
            output = await Task.Run(() => Transform(task, bytes), cancellationToken).ConfigureAwait(false);
        }
        var key = task.OutputPrefix + task.Id + output.Format.Extension;
        await storage.WriteAsync(key, output, cancellationToken).ConfigureAwait(false);
        return new TaskResult(key, output.Format.ContentType, output.Width, output.Height, output.Bytes.LongLength);
    }

    protected abstract EncodedImage Transform(TaskRecord task, byte[] input);

    /// <summary>What the transform holds in pixels at its peak; by default the decoded input once.</summary>
    protected virtual long DecodedBytes(TaskRecord task, int width, int height) => width * (long)height * BytesPerPixel;
}

public sealed class ThumbnailHandler(ImageStorage storage, ImageMemoryBudget budget) : ImageTaskHandler(storage, budget)
{
    public override string TaskType => TaskTypes.Thumbnail;

    protected override EncodedImage Transform(TaskRecord task, byte[] input)
    {
        var parameters = TaskParameters.Thumbnail(task.Parameters);
        return ImageOperations.Thumbnail(input, parameters.MaxSize, ImageFormat.FromName(parameters.Format));
    }
}

public sealed class ConvertHandler(ImageStorage storage, ImageMemoryBudget budget) : ImageTaskHandler(storage, budget)
{
    public override string TaskType => TaskTypes.Convert;

    // The decoded frame and the encoder's working copy.
    protected override long DecodedBytes(TaskRecord task, int width, int height) => 2 * width * (long)height * BytesPerPixel;

    protected override EncodedImage Transform(TaskRecord task, byte[] input)
    {
        var parameters = TaskParameters.Convert(task.Parameters);
        return ImageOperations.Convert(input, ImageFormat.FromName(parameters.Format), parameters.Quality);
    }
}

public sealed class UpscaleHandler(ImageStorage storage, ImageMemoryBudget budget) : ImageTaskHandler(storage, budget)
{
    public override string TaskType => TaskTypes.Upscale;

    protected override long DecodedBytes(TaskRecord task, int width, int height)
    {
        long scale = TaskParameters.Upscale(task.Parameters).Scale;
        return width * (long)height * BytesPerPixel * (1 + scale * scale);
    }

    protected override EncodedImage Transform(TaskRecord task, byte[] input) =>
        ImageOperations.Upscale(input, TaskParameters.Upscale(task.Parameters).Scale);
}
