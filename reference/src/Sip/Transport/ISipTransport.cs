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

    /// <summary>
    /// True when a send is done with the message by the time <see cref="SendAsync"/> returns: its bytes copied out (or
    /// on the wire) and no reference to it kept. A sender may then reuse what the message's bytes lie in right after
    /// (a transaction's pooled wire copy of its rejection). False unless a transport promises it: one that queues the
    /// message, or keeps what was sent (a test's), must not see its bytes change afterwards.
    /// </summary>
    bool CopiesOnSend => false;
}
