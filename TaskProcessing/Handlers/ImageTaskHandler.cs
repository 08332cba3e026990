using Backend.TaskProcessing.Consumer;
using Backend.TaskProcessing.Images;
using Backend.TaskProcessing.Tasks;

namespace Backend.TaskProcessing.Handlers;

/// <summary>
/// The shape every image handler shares: read the input from S3, transform it off the thread pool's
/// async path, write the result to <c>outputPrefix + taskId + extension</c> (so a retry overwrites its own output).
/// </summary>
public abstract class ImageTaskHandler(ImageStorage storage) : ITaskHandler
{
    public abstract string TaskType { get; }

    public async Task<TaskResult> HandleAsync(TaskRecord task, CancellationToken cancellationToken)
    {
        var input = task.InputKey ?? throw new PermanentTaskException($"a {task.Type} task needs an input image");
        var bytes = await storage.ReadAsync(input, cancellationToken).ConfigureAwait(false);
        var output = await Task.Run(() => Transform(task, bytes), cancellationToken).ConfigureAwait(false);
        var key = task.OutputPrefix + task.Id + output.Format.Extension;
        await storage.WriteAsync(key, output, cancellationToken).ConfigureAwait(false);
        return new TaskResult(key, output.Format.ContentType, output.Width, output.Height, output.Bytes.LongLength);
    }

    protected abstract EncodedImage Transform(TaskRecord task, byte[] input);
}

public sealed class ThumbnailHandler(ImageStorage storage) : ImageTaskHandler(storage)
{
    public override string TaskType => TaskTypes.Thumbnail;

    protected override EncodedImage Transform(TaskRecord task, byte[] input)
    {
        var parameters = TaskParameters.Thumbnail(task.Parameters);
        return ImageOperations.Thumbnail(input, parameters.MaxSize, ImageFormat.FromName(parameters.Format));
    }
}

public sealed class ConvertHandler(ImageStorage storage) : ImageTaskHandler(storage)
{
    public override string TaskType => TaskTypes.Convert;

    protected override EncodedImage Transform(TaskRecord task, byte[] input)
    {
        var parameters = TaskParameters.Convert(task.Parameters);
        return ImageOperations.Convert(input, ImageFormat.FromName(parameters.Format), parameters.Quality);
    }
}

public sealed class UpscaleHandler(ImageStorage storage) : ImageTaskHandler(storage)
{
    public override string TaskType => TaskTypes.Upscale;

    protected override EncodedImage Transform(TaskRecord task, byte[] input) =>
        ImageOperations.Upscale(input, TaskParameters.Upscale(task.Parameters).Scale);
}
