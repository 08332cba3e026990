namespace Backend.Hosting;

/// <summary>The application model is inconsistent: a duplicate name, an unknown reference, a wait cycle.</summary>
public sealed class DistributedApplicationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DistributedApplicationException()
    {
    }

    /// <summary>Creates the exception with a message that says what to fix.</summary>
    /// <param name="message">The message.</param>
    public DistributedApplicationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public DistributedApplicationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
