using System.Net;

namespace Sip.Transport;

/// <summary>A bound SIP socket. Implementations: UDP now; TCP and TLS share this contract.</summary>
public interface ISipTransport : IAsyncDisposable
{
    /// <summary>The name a Via writes: "UDP", "TCP".</summary>
    string Protocol { get; }

    TransportProtocol Kind { get; }

    IPEndPoint LocalEndPoint { get; }

    ValueTask SendAsync(SipMessage message, IPEndPoint remote, CancellationToken cancellationToken = default);
}
