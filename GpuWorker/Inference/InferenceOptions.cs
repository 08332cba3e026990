using System.ComponentModel.DataAnnotations;

namespace Backend.GpuWorker.Inference;

/// <summary>The model server that <c>generate</c> calls (configuration <c>Inference:Url</c>, variable <c>Inference__Url</c>).</summary>
public sealed class InferenceOptions
{
    public const string SectionName = "Inference";

    /// <summary>POST target taking <c>{ prompt, width, height }</c> and answering image bytes; none configured means generate fails.</summary>
    [Url]
    public string? Url { get; set; }

    /// <summary>Generation is slow; well above HttpClient defaults, well below the lease a heartbeat keeps renewing anyway.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Largest answer read from the server; a bigger (or endless) one fails the task instead of the worker.</summary>
    [Range(1024, 1024L * 1024 * 1024)]
    public long MaxResponseBytes { get; set; } = 64 * 1024 * 1024;
}
