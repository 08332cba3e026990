namespace Backend.Hosting.LocalRun;

/// <summary>A resource cannot be run locally; the message says why and what to do.</summary>
public sealed class LocalRunException : Exception
{
    /// <summary>Creates the exception.</summary>
    public LocalRunException()
    {
    }

    /// <summary>Creates the exception with a message that says why and what to do.</summary>
    /// <param name="message">The message.</param>
    public LocalRunException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public LocalRunException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
