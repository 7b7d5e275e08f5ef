namespace Conformance.Harness.Management;

/// <summary>The management API refused or failed a request the suite needed; the message holds the status and the problem body.</summary>
public sealed class ManagementException(string message) : Exception(message);
