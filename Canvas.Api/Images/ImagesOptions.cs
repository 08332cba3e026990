using System.ComponentModel.DataAnnotations;

namespace Canvas.Api.Images;

public sealed class ImagesOptions : IValidatableObject
{
    public const string SectionName = "Images";

    /// <summary>The images bucket, from <c>AWS__Resources__images__BucketName</c> (not from this section).</summary>
    [Required(ErrorMessage = "The images bucket has no name: set AWS__Resources__images__BucketName.")]
    public string? BucketName { get; set; }

    /// <summary>Largest image accepted, in bytes; 256 MiB by default.</summary>
    [Range(1, long.MaxValue)]
    public long MaxBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Most pixels an image may declare: the CPU and GPU workers' own decoding limit (100 MP).</summary>
    [Range(1, long.MaxValue)]
    public long MaxPixels { get; set; } = 100_000_000;

    /// <summary>Longest side an image may declare, whatever its pixel count (a 1 x 10^8 strip is no picture).</summary>
    [Range(1, 1_000_000)]
    public int MaxSide { get; set; } = 32_767;

    /// <summary>CloudFront (or other CDN) origin serving the bucket; without it image URLs are presigned GETs.</summary>
    public Uri? CdnBaseUrl { get; set; }

    /// <summary>How long a presigned GET URL works.</summary>
    public TimeSpan UrlLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a presigned PUT URL for a direct upload works.</summary>
    public TimeSpan UploadUrlLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long after its URL expired a pending upload may still be confirmed before it is swept.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan PendingUploadGrace { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often expired pending uploads are swept.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00")]
    public TimeSpan PendingSweepInterval { get; set; } = TimeSpan.FromMinutes(5);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // SigV4 presigned URLs are valid for at most seven days.
        var longest = TimeSpan.FromDays(7);
        if (UrlLifetime <= TimeSpan.Zero || UrlLifetime > longest)
        {
            yield return new ValidationResult("Images:UrlLifetime must be between 1 second and 7 days.", [nameof(UrlLifetime)]);
        }
        if (UploadUrlLifetime <= TimeSpan.Zero || UploadUrlLifetime > longest)
        {
            yield return new ValidationResult("Images:UploadUrlLifetime must be between 1 second and 7 days.", [nameof(UploadUrlLifetime)]);
        }
        if (CdnBaseUrl is { } cdn && (!cdn.IsAbsoluteUri || cdn.Scheme is not ("https" or "http")))
        {
            yield return new ValidationResult("Images:CdnBaseUrl must be an absolute http(s) URL.", [nameof(CdnBaseUrl)]);
        }
    }
}
