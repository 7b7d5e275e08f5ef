using Sip.Transactions;

namespace Sip.Proxy;

/// <summary>
/// A server transaction in the proxy's table, INVITE or not, and the response context of the request it forwarded.
/// It owns the received request and the received responses relayed through it: the transaction may send any of them
/// again until it ends (a retransmitted request, timer G), so their pooled buffers go back only then.
/// </summary>
internal sealed class ServerEntry(ServerTransaction transaction, SipRequest request)
{
    private readonly object _gate = new();
    private List<SipMessage>? _held;
    private bool _released;

    public ServerTransaction Transaction { get; } = transaction;

    public SipRequest Request { get; } = request;

    public ServerInviteTransaction? Invite => Transaction as ServerInviteTransaction;

    public ResponseContext? Context { get; set; }

    public void Respond(SipResponse response) => Transaction.Respond(response);

    /// <summary>Relays a response received from downstream and keeps it until the transaction ends.</summary>
    public void Relay(SipResponse response)
    {
        lock (_gate)
        {
            if (!_released)
            {
                (_held ??= []).Add(response);
            }
        }

        Respond(response);
        lock (_gate)
        {
            if (_released)
            {
                // The transaction had already ended (or ended on this response, a 2xx): nothing will send it again.
                response.Release();
            }
        }
    }

    public void OnRetransmission() => Transaction.OnRetransmission();

    /// <summary>The transaction ended: the request and every response relayed through it go back to the pool.</summary>
    public void ReleaseMessages()
    {
        List<SipMessage>? held;
        lock (_gate)
        {
            if (_released)
            {
                return;
            }

            _released = true;
            held = _held;
            _held = null;
        }

        Request.Release();
        if (held is not null)
        {
            foreach (var message in held)
            {
                message.Release();
            }
        }
    }
}
