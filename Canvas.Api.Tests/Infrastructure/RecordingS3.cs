using System.Collections.Concurrent;
using System.Reflection;
using Amazon.S3;
using Backend.Hosting.Testing;

namespace Canvas.Api.Tests.Infrastructure;

/// <summary>What the API asked of S3, by method name and request.</summary>
public sealed class S3CallLog
{
    private readonly ConcurrentQueue<(string Method, object? Request)> _calls = new();
    private readonly ConcurrentQueue<(string Method, Exception Failure)> _failures = new();

    public void Add(string method, object? request) => _calls.Enqueue((method, request));

    /// <summary>Fault injection: the next call of <paramref name="method"/> fails with <paramref name="failure"/> instead of reaching S3.</summary>
    public void FailNext(string method, Exception failure) => _failures.Enqueue((method, failure));

    internal Exception? TakeFailure(string method) =>
        _failures.TryPeek(out var next) && next.Method == method && _failures.TryDequeue(out next) ? next.Failure : null;

    public IReadOnlyList<T> Requests<T>() => [.. _calls.Select(call => call.Request).OfType<T>()];
}

/// <summary>
/// Wraps the API's own S3 client and logs each call, so a test can see that a multipart upload was
/// aborted, and fails the calls a test asks it to.
/// </summary>
#pragma warning disable CA1852 // DispatchProxy.Create derives from it
public class RecordingS3 : ForwardingProxy<IAmazonS3>
#pragma warning restore CA1852
{
    private S3CallLog _log = null!;

    public static IAmazonS3 Wrap(IAmazonS3 inner, S3CallLog log)
    {
        var (client, recording) = Wrap<RecordingS3>(inner);
        recording._log = log;
        return client;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        _log.Add(targetMethod.Name, args is [var first, ..] ? first : null);
        if (_log.TakeFailure(targetMethod.Name) is { } failure)
        {
            // A faulted Task<TResult> of the method's own result type, as the SDK would return.
            var result = targetMethod.ReturnType.GetGenericArguments().Single();
            return typeof(Task).GetMethod(nameof(Task.FromException), 1, [typeof(Exception)])!.MakeGenericMethod(result).Invoke(null, [failure]);
        }
        return Forward(targetMethod, args);
    }
}
