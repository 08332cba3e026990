using Amazon.S3;
using Canvas.Api.Images;
using Canvas.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Canvas.Api.Tests;

public sealed class S3ClientTests(CanvasApiFactory api) : IClassFixture<CanvasApiFactory>
{
    [Fact]
    public void TheS3ClientWaitsLongEnoughForASlowClientToSendAPart()
    {
        var s3 = api.Services.GetRequiredService<IAmazonS3>();

        Assert.Equal(ImagesSetup.S3RequestTimeout, s3.Config.Timeout);
    }
}
