using System.Net;
using Sip.Transport;

namespace Sip.Tests.Proxy;

/// <summary>An in-memory transport: what was sent, to whom, as the bytes would be parsed on arrival; can be made to fail like a refused TCP connect.</summary>
internal sealed class FakeTransport(string protocol, IPEndPoint local) : ISipTransport
{
    private readonly List<(SipMessage Message, IPEndPoint To)> _sent = [];

    public string Protocol { get; } = protocol;

    public TransportProtocol Kind { get; } = TransportProtocols.Of(protocol);

    public IPEndPoint LocalEndPoint { get; } = local;

    public bool Refuses { get; set; }

    // What is kept is a parse of the bytes, made before the send returns: never the message handed in.
    public bool CopiesOnSend => true;

    public IReadOnlyList<(SipMessage Message, IPEndPoint To)> Sent
    {
        get
        {
            lock (_sent)
            {
                return _sent.ToList();
            }
        }
    }

    public ValueTask SendAsync(SipMessage message, IPEndPoint remote, CancellationToken cancellationToken = default)
    {
        if (Refuses)
        {
            return ValueTask.FromException(new SipTransportException($"connect to {remote} refused"));
        }

        var copy = new SipParser(SipParserOptions.Proxy).Parse(message.ToBytes(), datagram: true).Message!;
        lock (_sent)
        {
            _sent.Add((copy, remote));
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
