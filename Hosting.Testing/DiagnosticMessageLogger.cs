using Microsoft.Extensions.Logging;
using Xunit;

namespace Backend.Hosting.Testing;

/// <summary>
/// Forwards log messages to xunit's diagnostic messages: an assembly fixture has no test output
/// helper, and diagnostic messages reach the runner's output when <c>diagnosticMessages</c> is on.
/// </summary>
internal sealed class DiagnosticMessageLogger : ILogger
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel))
        {
            TestContext.Current.SendDiagnosticMessage($"[local dependencies] {formatter(state, exception)}");
        }
    }
}
