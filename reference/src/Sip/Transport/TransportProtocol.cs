namespace Sip.Transport;

/// <summary>The transport a message came or goes by (RFC 3261 §18); a Via or URI may name others, read as <see cref="Other"/>.</summary>
public enum TransportProtocol
{
    Udp,
    Tcp,
    Tls,
    Other,
}
