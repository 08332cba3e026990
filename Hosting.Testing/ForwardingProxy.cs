using System.Reflection;
using System.Runtime.ExceptionServices;

namespace Backend.Hosting.Testing;

/// <summary>
/// A stand-in for a real client (an AWS SDK client, say) that forwards every call to it, for tests that record or
/// fake some of its calls: a subclass overrides <see cref="DispatchProxy.Invoke"/>, handles what it fakes and
/// hands the rest to <see cref="Forward"/>. DispatchProxy needs the subclass unsealed, with a public constructor.
/// </summary>
/// <typeparam name="TClient">The client's interface.</typeparam>
public abstract class ForwardingProxy<TClient> : DispatchProxy
    where TClient : class
{
    /// <summary>The real client.</summary>
    protected TClient Inner { get; private set; } = null!;

    /// <summary>A <typeparamref name="TProxy"/> in front of <paramref name="inner"/>, and the proxy itself for the test to configure.</summary>
    /// <typeparam name="TProxy">The subclass.</typeparam>
    /// <param name="inner">The real client.</param>
    protected static (TClient Client, TProxy Proxy) Wrap<TProxy>(TClient inner)
        where TProxy : ForwardingProxy<TClient>
    {
        var client = Create<TClient, TProxy>();
        var proxy = (TProxy)(object)client;
        proxy.Inner = inner;
        return (client, proxy);
    }

    /// <summary>Calls <paramref name="method"/> on the real client; what it throws comes out as itself, not wrapped.</summary>
    /// <param name="method">The method called.</param>
    /// <param name="args">Its arguments.</param>
    protected object? Forward(MethodInfo method, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(method);
        try
        {
            return method.Invoke(Inner, args);
        }
        catch (TargetInvocationException exception) when (exception.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(exception.InnerException);
            throw;
        }
    }
}
