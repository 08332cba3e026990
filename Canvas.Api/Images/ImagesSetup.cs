namespace Canvas.Api.Images;

internal static class ImagesSetup
{
    public const string BucketResource = "images";

    public static IHostApplicationBuilder AddImages(this IHostApplicationBuilder builder)
    {
        builder.AddS3Client();
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
        builder.Services.AddHealthChecks().AddS3Bucket(BucketResource);
        return builder;
    }
}
