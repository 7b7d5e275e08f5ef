namespace Conformance.Harness.Web;

/// <summary>The portal did not answer as the page-object adapter expects; the message says what was missing and where.</summary>
public sealed class PortalException(string message) : Exception(message);
