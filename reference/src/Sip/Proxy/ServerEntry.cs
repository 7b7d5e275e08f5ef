using System.Net;
using Sip.Transactions;
using Sip.Transport;

namespace Sip.Proxy;

/// <summary>
/// A server transaction in the proxy's table, INVITE or not, and the response context of the request it forwarded.
/// It owns the received request and the received responses relayed through it. The transaction may send any of them
/// again until it settles (a retransmitted request, timer G); then they go back to the pool (a settled transaction
/// answers from its own wire copy), or when it ends without settling. Nothing goes back while the proxy is still
/// handling the request (telling its policy what became of it): it calls <see cref="Handled"/> when done, so the
/// policy always reads a whole request.
/// </summary>
internal sealed class ServerEntry : ITransactionUser
{
    private readonly ServerTransactionTable _table;
    private SipRequest? _request;
    private List<SipMessage>? _held;

    // The entry itself is the monitor (it never leaves the proxy, so nothing else locks it): one fewer object a call.
    private object Gate => this;
    private bool _inHand = true;
    private bool _settled;
    private bool _ended;

    /// <summary>An entry for <paramref name="request"/>; its transaction is made next, with this entry as its user.</summary>
    public ServerEntry(ServerTransactionTable table, SipRequest request)
    {
        _table = table;
        _request = request;
    }

    public ServerTransaction Transaction { get; private set; } = null!;

    /// <summary>The key the proxy's table holds this entry under, once it does.</summary>
    public TransactionKey? Key { get; set; }

    /// <summary>Where the transaction's responses go (§18.2.2): the transport the request came on and the address.</summary>
    public required ISipTransport Transport { get; init; }

    public required IPEndPoint Target { get; init; }

    public ServerInviteTransaction? Invite => Transaction as ServerInviteTransaction;

    public ResponseContext? Context { get; set; }

    public void Attach(ServerTransaction transaction) => Transaction = transaction;

    public void Respond(SipResponse response) => Transaction.Respond(response);

    void ITransactionUser.Send(SipTransaction transaction, SipMessage message) => _table.Send(Transport, message, Target, transaction);

    void ITransactionUser.OnResponse(ClientTransaction transaction, SipResponse response)
    {
    }

    void ITransactionUser.OnSettled(SipTransaction transaction)
    {
        OnSettled();
        _table.OnSettled(this);
    }

    void ITransactionUser.OnEnded(SipTransaction transaction, TransactionEnd end) => _table.OnEnded(this);

    /// <summary>Relays a response received from downstream; it is held like the request.</summary>
    public void Relay(SipResponse response)
    {
        bool held;
        lock (Gate)
        {
            held = !_settled && !_ended;
            if (held)
            {
                (_held ??= []).Add(response);
            }
        }

        Respond(response);
        if (!held)
        {
            // The transaction had settled or ended before: nothing sends this one again.
            response.Release();
        }
    }

    public void OnRetransmission() => Transaction.OnRetransmission();

    /// <summary>The proxy is done with the request it received.</summary>
    public void Handled()
    {
        lock (Gate)
        {
            _inHand = false;
        }

        LetGo();
    }

    /// <summary>The transaction ended: whatever is still held goes back to the pool.</summary>
    public void ReleaseMessages()
    {
        lock (Gate)
        {
            _ended = true;
        }

        LetGo();
    }

    private void OnSettled()
    {
        lock (Gate)
        {
            _settled = true;
        }

        LetGo();
    }

    /// <summary>Releases everything held once the transaction settled or ended, unless the proxy still has the request in hand.</summary>
    private void LetGo()
    {
        SipRequest? request;
        List<SipMessage>? held;
        lock (Gate)
        {
            if (_inHand || !(_settled || _ended))
            {
                return;
            }

            request = _request;
            held = _held;
            _request = null;
            _held = null;
        }

        request?.Release();
        if (held is not null)
        {
            foreach (var message in held)
            {
                message.Release();
            }
        }
    }
}
