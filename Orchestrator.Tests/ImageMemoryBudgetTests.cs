using Backend.Hosting.Testing;
using Backend.Orchestrator.Tests.Infrastructure;
using Backend.TaskProcessing.Images;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Backend.Orchestrator.Tests;

/// <summary>Image work in the API's process holds no more decoded pixels than its budget allows.</summary>
public sealed class ImageMemoryBudgetTests(LocalDependenciesFixture fixture)
{
    private const long MiB = 1024 * 1024;

    [Fact]
    public async Task AReservationWaitsUntilEnoughIsFreeAndIsServedInTurn()
    {
        var budget = new ImageMemoryBudget(Options.Create(new ImageMemoryOptions { BudgetBytes = 100 * MiB }));

        var first = await budget.ReserveAsync(60 * MiB, TestContext.Current.CancellationToken);
        var large = budget.ReserveAsync(70 * MiB, TestContext.Current.CancellationToken);
        var small = budget.ReserveAsync(10 * MiB, TestContext.Current.CancellationToken);

        Assert.False(large.IsCompleted);
        Assert.False(small.IsCompleted); // it would fit, but the large one came first
        first.Dispose();
        (await large).Dispose();
        (await small).Dispose();
        Assert.Equal((0, 80 * MiB), (budget.Reserved, budget.PeakReserved));
    }

    [Fact]
    public async Task AnImageLargerThanTheWholeBudgetRunsAloneAndACancelledWaitGivesWay()
    {
        var budget = new ImageMemoryBudget(Options.Create(new ImageMemoryOptions { BudgetBytes = 100 * MiB }));
        using var cancel = new CancellationTokenSource();

        var huge = await budget.ReserveAsync(400 * MiB, TestContext.Current.CancellationToken);
        var abandoned = budget.ReserveAsync(50 * MiB, cancel.Token);
        var next = budget.ReserveAsync(50 * MiB, TestContext.Current.CancellationToken);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
        Assert.Equal(100 * MiB, budget.Reserved);
        huge.Dispose();
        (await next).Dispose();
        Assert.Equal(0, budget.Reserved);
    }

    [Fact]
    public async Task ABurstOfLargeImagesStaysWithinTheBudgetWhileTheApiKeepsAnswering()
    {
        var settings = new Dictionary<string, string?> { ["ImageMemory:BudgetBytes"] = (24 * MiB).ToString(System.Globalization.CultureInfo.InvariantCulture) };
        await using var app = new OrchestratorFactory(await TestResources.CreateAsync(fixture), settings);
        var client = app.CreateAuthorizedClient();
        var budget = app.Services.GetRequiredService<ImageMemoryBudget>();
        // 1600x1600: ~10 MB decoded, ~20 MB to convert; four at once would need ~80 MB.
        var input = await TestImages.UploadAsync(fixture.S3, app.Resources.BucketName, TestImages.Png(1600, 1600));

        var submitted = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var body = new { type = "convert", input = new { key = input }, outputPrefix = "results/", parameters = new { format = "jpeg" } };
            submitted.Add((await client.SubmitAcceptedAsync(body)).Id);
        }
        foreach (var id in submitted)
        {
            Assert.Equal("succeeded", (await client.WaitForStatusAsync(id, "succeeded", TimeSpan.FromSeconds(60))).Status);
        }

        Assert.InRange(budget.PeakReserved, 1, budget.Capacity);
        Assert.Equal(0, budget.Reserved);
    }
}
