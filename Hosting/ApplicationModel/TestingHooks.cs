namespace Backend.Hosting;

/// <summary>
/// Lets the testing builder run an AppHost's own <c>Program</c> up to <c>Build()</c>: it adjusts the
/// builder's options (user secrets in a temporary file, not the developer's) and takes the built
/// application instead of running it. Scoped to the calling flow, so parallel tests do not meet.
/// </summary>
internal static class TestingHooks
{
    private static readonly AsyncLocal<Hook?> Current = new();

    public static IDisposable Install(Func<DistributedApplicationOptions, DistributedApplicationOptions> configure, Action<DistributedApplication> capture)
    {
        Current.Value = new Hook(configure, capture);
        return new Uninstall();
    }

    public static DistributedApplicationOptions Configure(DistributedApplicationOptions options) =>
        Current.Value?.Configure(options) ?? options;

    /// <summary>True when a test took the application, which then must not run.</summary>
    public static bool TryCapture(DistributedApplication application)
    {
        if (Current.Value is not { } hook)
        {
            return false;
        }
        hook.Capture(application);
        return true;
    }

    private sealed record Hook(Func<DistributedApplicationOptions, DistributedApplicationOptions> Configure, Action<DistributedApplication> Capture);

    private sealed class Uninstall : IDisposable
    {
        public void Dispose() => Current.Value = null;
    }
}
