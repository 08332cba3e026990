using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Canvas.Api.Images;

/// <summary>How many uploads may stream through at once, and how slowly.</summary>
public sealed class UploadOptions
{
    public const string SectionName = "Uploads";

    /// <summary>Uploads in flight in this process; each holds up to two 8 MiB part buffers while its client sends.</summary>
    [Range(1, 100_000)]
    public int MaxConcurrent { get; set; } = 16;

    [Range(1, 1000)]
    public int MaxConcurrentPerUser { get; set; } = 4;

    /// <summary>Slowest body a client may send (after <see cref="MinRateGracePeriod"/>); slower connections are closed.</summary>
    [Range(1, int.MaxValue)]
    public int MinBytesPerSecond { get; set; } = 16 * 1024;

    /// <remarks>Kestrel checks rates once a second and wants a grace period above that.</remarks>
    [Range(typeof(TimeSpan), "00:00:02", "00:10:00")]
    public TimeSpan MinRateGracePeriod { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>What a refused upload is told to wait.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>
/// Counts uploads in flight, in all and per user, so that slow clients cannot pin unbounded memory:
/// past the per-user limit an upload is a 429, past the global one a 503, both with Retry-After,
/// decided before a byte of the body is read.
/// </summary>
internal sealed class UploadSlots(IOptions<UploadOptions> options)
{
    private readonly ConcurrentDictionary<string, int> _perUser = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private int _inFlight;

    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>A slot to dispose when the upload ends, or why there is none.</summary>
    public (IDisposable? Slot, bool UserFull) TryEnter(string userId)
    {
        var limits = options.Value;
        lock (_lock)
        {
            var mine = _perUser.GetValueOrDefault(userId);
            if (mine >= limits.MaxConcurrentPerUser)
            {
                return (null, true);
            }
            if (_inFlight >= limits.MaxConcurrent)
            {
                return (null, false);
            }
            _perUser[userId] = mine + 1;
            _inFlight++;
        }
        return (new Slot(this, userId), false);
    }

    private void Leave(string userId)
    {
        lock (_lock)
        {
            _inFlight--;
            if (_perUser.TryGetValue(userId, out var mine) && mine > 1)
            {
                _perUser[userId] = mine - 1;
            }
            else
            {
                _perUser.TryRemove(userId, out _);
            }
        }
    }

    private sealed class Slot(UploadSlots slots, string userId) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                slots.Leave(userId);
            }
        }
    }
}
