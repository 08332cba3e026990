using Amazon.Runtime;
using Amazon.S3;

namespace Canvas.Api.Images;

internal static class ImagesSetup
{
    public const string BucketResource = "images";

    /// <summary>
    /// Upload bytes go on to S3 as the client sends them, so one S3 request lasts as long as a client
    /// takes to send a part: a phone at 100 KB/s needs 80 s for 8 MiB, close to HttpClient's default 100 s.
    /// </summary>
    public static readonly TimeSpan S3RequestTimeout = TimeSpan.FromMinutes(15);

    public static IHostApplicationBuilder AddImages(this IHostApplicationBuilder builder)
    {
        builder.AddS3Client();
        // The shared registration, with the longer timeout set before the client sends its first request.
        var shared = builder.Services.Last(service => service.ServiceType == typeof(IAmazonS3));
        builder.Services.Remove(shared);
        builder.Services.AddSingleton(services =>
        {
            var client = (IAmazonS3)shared.ImplementationFactory!(services);
            ((ClientConfig)client.Config).Timeout = S3RequestTimeout;
            return client;
        });
        builder.Services.AddOptions<ImagesOptions>()
            .BindConfiguration(ImagesOptions.SectionName)
            .Configure<IConfiguration>((options, configuration) =>
                options.BucketName = configuration[$"{AwsResourceConfiguration.SectionName}:{BucketResource}:BucketName"])
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<ImageObjects>();
        builder.Services.AddSingleton<ImageIngest>();
        builder.Services.AddSingleton<ImageUrls>();
        builder.Services.AddSingleton<ImageStore>();
        builder.Services.AddHostedService<PendingUploadSweeper>();
        builder.Services.AddOptions<UploadOptions>().BindConfiguration(UploadOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<UploadSlots>();
        builder.Services.AddHealthChecks().AddS3Bucket(BucketResource);
        return builder;
    }
}
