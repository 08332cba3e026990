using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Canvas.Api.Infrastructure;

/// <summary>
/// Where an upload's time went, in the standard <c>Server-Timing</c> response header (milliseconds per
/// phase): what makes a small upload slower through the API than straight to S3 can be read off any
/// response, and the benchmark prints it.
/// </summary>
internal sealed class ServerTiming
{
    public const string HeaderName = "Server-Timing";

    private readonly StringBuilder _phases = new();
    private long _started = Stopwatch.GetTimestamp();

    public static ServerTiming Start(HttpResponse response)
    {
        var timing = new ServerTiming();
        response.OnStarting(() =>
        {
            if (timing._phases.Length > 0)
            {
                response.Headers[HeaderName] = timing._phases.ToString();
            }
            return Task.CompletedTask;
        });
        return timing;
    }

    /// <summary>Ends the phase that began at the previous mark (or the start) under <paramref name="name"/>.</summary>
    public void Mark(string name)
    {
        var now = Stopwatch.GetTimestamp();
        _phases.Append(_phases.Length == 0 ? "" : ", ")
            .Append(name).Append(";dur=")
            .Append(Stopwatch.GetElapsedTime(_started, now).TotalMilliseconds.ToString("0.00", CultureInfo.InvariantCulture));
        _started = now;
    }
}
