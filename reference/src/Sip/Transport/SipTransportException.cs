namespace Sip.Transport;

/// <summary>A message could not be sent: no connection to the peer could be made or kept (the transaction layer answers 503/408).</summary>
public sealed class SipTransportException(string message, Exception? inner = null) : Exception(message, inner);
