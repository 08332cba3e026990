namespace Backend.Hosting.Local;

/// <summary>
/// A local dependency (a child process, PostgreSQL, an emulator, or a program they need) could not
/// be started; the message says what is missing or shows the tail of the process's output.
/// </summary>
public sealed class LocalDependencyException : Exception
{
    /// <summary>Creates the exception with no message.</summary>
    public LocalDependencyException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public LocalDependencyException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the failure that caused it.</summary>
    public LocalDependencyException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
