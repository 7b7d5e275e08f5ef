using Sip.Transactions;

namespace Sip.Proxy;

/// <summary>One client transaction a response context forwarded the request on, and what it has seen so far.</summary>
internal sealed class ProxyBranch(SipRequest request, HopTarget target, ProxyLeg leg)
{
    /// <summary>The leg the request left by; responses and CANCELs for it use the same one.</summary>
    public ProxyLeg Leg { get; } = leg;

    /// <summary>The request as forwarded (with this proxy's Via on top).</summary>
    public SipRequest Request { get; } = request;

    public HopTarget Target { get; } = target;

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
}
