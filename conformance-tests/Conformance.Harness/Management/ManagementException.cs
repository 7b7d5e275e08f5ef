namespace Conformance.Harness.Management;

/// <summary>The management API refused or failed a request the suite needed; the message holds the status and the problem body.</summary>
public sealed class ManagementException(string message, int status = 0) : Exception(message)
{
    /// <summary>The HTTP status the API answered, or 0 when it is not known.</summary>
    public int Status { get; } = status;
}
