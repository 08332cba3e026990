using Backend.Orchestrator.Gpu;
using static Backend.Orchestrator.Gpu.GpuInstanceState;

namespace Backend.Orchestrator.Tests.Gpu;

public sealed class GpuDeciderTests
{
    private static readonly DateTimeOffset Now = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly GpuOptions Options = new() { IdleTimeout = TimeSpan.FromMinutes(5), StartTimeout = TimeSpan.FromMinutes(10), StopTimeout = TimeSpan.FromMinutes(10) };
    private static readonly GpuQueueDepth Empty = new(0, 0, 0);

    private static GpuPlan Decide(GpuInstanceState state, GpuQueueDepth depth, GpuSharedState? shared = null, TimeSpan? inState = null) =>
        GpuDecider.Decide(new GpuObservation(state, depth, Now), shared ?? GpuSharedState.Empty, Now - (inState ?? TimeSpan.Zero), Options);

    [Theory]
    [InlineData(1, 0, 0)]
    [InlineData(0, 1, 0)]
    [InlineData(0, 0, 1)]
    public void StartsAStoppedInstanceWhenAnyGpuWorkWaits(int visible, int inFlight, int delayed)
    {
        var plan = Decide(Stopped, new GpuQueueDepth(visible, inFlight, delayed));

        Assert.Equal(GpuAction.Start, plan.Action);
        Assert.Contains("1 GPU message waiting", plan.Reason);
    }

    [Fact]
    public void LeavesAStoppedInstanceStoppedForAnEmptyQueue() =>
        Assert.Equal(GpuAction.None, Decide(Stopped, Empty).Action);

    [Fact]
    public void StartsTheIdleClockWhenARunningInstanceHasNoWork()
    {
        var plan = Decide(Running, Empty);

        Assert.Equal(GpuAction.None, plan.Action);
        Assert.Equal(Now, plan.IdleSince);
    }

    [Fact]
    public void KeepsTheSharedIdleClockSoThatItSurvivesALeaderChange()
    {
        var plan = Decide(Running, Empty, new GpuSharedState { IdleSince = Now.AddMinutes(-2) });

        Assert.Equal(GpuAction.None, plan.Action);
        Assert.Equal(Now.AddMinutes(-2), plan.IdleSince);
    }

    [Fact]
    public void StopsARunningInstanceOnceTheQueueHasBeenEmptyForTheIdleTimeout()
    {
        var plan = Decide(Running, Empty, new GpuSharedState { IdleSince = Now.AddMinutes(-5) });

        Assert.Equal(GpuAction.Stop, plan.Action);
        Assert.False(plan.IsManual);
    }

    [Theory]
    [InlineData(1, 0, 0)]
    [InlineData(0, 1, 0)]
    [InlineData(0, 0, 1)]
    public void WorkInTheQueueOrInFlightResetsTheIdleClockAndKeepsTheInstanceRunning(int visible, int inFlight, int delayed)
    {
        var plan = Decide(Running, new GpuQueueDepth(visible, inFlight, delayed), new GpuSharedState { IdleSince = Now.AddHours(-1) });

        Assert.Equal(GpuAction.None, plan.Action);
        Assert.Null(plan.IdleSince);
    }

    [Fact]
    public void WaitsForAStopToFinishBeforeStartingForWorkThatArrivedMeanwhile()
    {
        var plan = Decide(Stopping, new GpuQueueDepth(2, 0, 0));

        Assert.Equal(GpuAction.Wait, plan.Action);
        Assert.Contains("will start once stopped", plan.Reason);
    }

    [Fact]
    public void WaitsWhilePendingAndReportsAnInstanceStuckThere()
    {
        Assert.Equal((GpuAction.Wait, null), (Decide(Pending, Empty).Action, Decide(Pending, Empty).Problem));

        var stuck = Decide(Pending, Empty, inState: TimeSpan.FromMinutes(11));

        Assert.Equal(GpuAction.Wait, stuck.Action);
        Assert.Contains("StartTimeout", stuck.Problem);
    }

    [Fact]
    public void ForcesAStopThatStaysInStoppingLongerThanTheStopTimeout() =>
        Assert.Equal(GpuAction.ForceStop, Decide(Stopping, Empty, inState: TimeSpan.FromMinutes(11)).Action);

    [Fact]
    public void AnOperatorStopHoldsTheInstanceStoppedDespiteQueuedWork()
    {
        var held = Decide(Stopped, new GpuQueueDepth(3, 0, 0), new GpuSharedState { HoldUntil = Now.AddMinutes(1) });
        var expired = Decide(Stopped, new GpuQueueDepth(3, 0, 0), new GpuSharedState { HoldUntil = Now.AddMinutes(-1) });

        Assert.Equal(GpuAction.None, held.Action);
        Assert.Contains("operator stop holds", held.Reason);
        Assert.Equal(GpuAction.Start, expired.Action);
    }

    [Theory]
    [InlineData(GpuCommand.Start, Stopped, GpuAction.Start, false)]
    [InlineData(GpuCommand.Start, Stopping, GpuAction.Start, false)] // EC2 refuses; the command stays for the next poll
    [InlineData(GpuCommand.Start, Pending, GpuAction.None, true)]
    [InlineData(GpuCommand.Start, Running, GpuAction.None, true)]
    [InlineData(GpuCommand.Stop, Running, GpuAction.Stop, false)]
    [InlineData(GpuCommand.Stop, Pending, GpuAction.Stop, false)] // EC2 refuses; the command stays for the next poll
    [InlineData(GpuCommand.Stop, Stopping, GpuAction.None, true)]
    [InlineData(GpuCommand.Stop, Stopped, GpuAction.None, true)]
    [InlineData(GpuCommand.Start, Terminated, GpuAction.None, true)]
    public void AnOperatorCommandIsTriedUnlessTheInstanceIsAlreadyThere(
        GpuCommand command, GpuInstanceState state, GpuAction expected, bool settled)
    {
        var request = new GpuManualRequest("r1", command, Now, "replica-a");

        var plan = Decide(state, new GpuQueueDepth(1, 0, 0), new GpuSharedState { Request = request });

        Assert.Equal((expected, settled), (plan.Action, plan.RequestSettled));
        Assert.Same(request, plan.Request);
    }

    [Fact]
    public void AnOperatorStopIgnoresQueuedWork()
    {
        var plan = Decide(Running, new GpuQueueDepth(5, 2, 0),
            new GpuSharedState { Request = new GpuManualRequest("r1", GpuCommand.Stop, Now, "replica-a") });

        Assert.Equal(GpuAction.Stop, plan.Action);
        Assert.True(plan.IsManual);
    }

    [Fact]
    public void ATerminatedInstanceIsAProblemNotAnAction()
    {
        var plan = Decide(Terminated, new GpuQueueDepth(1, 0, 0));

        Assert.Equal(GpuAction.None, plan.Action);
        Assert.Contains("terminated", plan.Problem);
    }
}
