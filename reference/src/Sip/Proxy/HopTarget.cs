using System.Net;

namespace Sip.Proxy;

/// <summary>Where a forwarded request goes: an address and the transport protocol.</summary>
public readonly record struct HopTarget(IPEndPoint EndPoint, Sip.Transport.TransportProtocol Protocol);
