using Sip.Transactions;
using Sip.Transport;

namespace Sip.Proxy;

/// <summary>
/// One client transaction a response context forwarded the request on, and what it has seen so far. It is its
/// transaction's user: it sends on its transport, and passes what the transaction hears to the proxy's client table and its context.
/// </summary>
internal sealed class ProxyBranch(ClientTransactionTable table, SipRequest request, HopTarget target, ProxyLeg leg, ISipTransport outbound, ResponseContext? context)
    : ITransactionUser
{
    private Action? _transportFailed;

    /// <summary>The leg the request left by; responses and CANCELs for it use the same one.</summary>
    public ProxyLeg Leg { get; } = leg;

    /// <summary>The request as forwarded (with this proxy's Via on top).</summary>
    public SipRequest Request { get; } = request;

    public HopTarget Target { get; } = target;

    /// <summary>The transport the request leaves on.</summary>
    public ISipTransport Outbound { get; } = outbound;

    /// <summary>The context the branch's responses go to; none for a CANCEL the proxy sends on its own.</summary>
    public ResponseContext? Context { get; } = context;

    public ClientTransaction? Transaction { get; set; }

    public TransactionKey Key { get; set; }

    public bool Provisional { get; set; }

    public bool CancelSent { get; set; }

    public bool TransportFailed { get; set; }

    /// <summary>The branch's final response, received or generated for it (408, 503, 487).</summary>
    public SipResponse? Final { get; set; }

    public void OnResponse(SipResponse response) => Transaction?.OnResponse(response);

    public void OnTransportError()
    {
        TransportFailed = true;
        Transaction?.OnTransportError();
    }

    void ITransactionUser.Send(SipTransaction transaction, SipMessage message) =>
        table.Send(Outbound, message, Target.EndPoint, _transportFailed ??= OnTransportError);

    void ITransactionUser.OnResponse(ClientTransaction transaction, SipResponse response) => Context?.OnResponse(this, response);

    void ITransactionUser.OnSettled(SipTransaction transaction) => table.OnSettled(this);

    void ITransactionUser.OnEnded(SipTransaction transaction, TransactionEnd end) => table.OnEnded(this);
}
