using Sip.Proxy;
using Sip.Transport;

namespace Sip.Tests.Proxy;

/// <summary>A proxy user that forwards everything unless told to answer, and records what the proxy told it.</summary>
internal sealed class RecordingPolicy : IProxyPolicy
{
    public Func<SipRequest, ProxyDecision> Decide { get; set; } = _ => ProxyDecision.Forward;

    public Func<SipRequest, bool> NeverShed { get; set; } = _ => false;

    public List<string> Cancels { get; } = [];

    public List<int> Relayed { get; } = [];

    public int Forwarded { get; private set; }

    public int Answered => AnsweredRequests.Count;

    /// <summary>Every request the policy answered, written out whole when told of the answer (a released request refuses that).</summary>
    public List<string> AnsweredRequests { get; } = [];

    public ProxyDecision OnRequest(SipRequest request, InboundMessage inbound, ProxyLeg leg) => Decide(request);

    public bool IsNeverShed(SipRequest invite) => NeverShed(invite);

    public void OnCancel(SipRequest cancel) => Cancels.Add(cancel.CallId ?? string.Empty);

    public void OnAnswered(SipRequest request, SipResponse response, InboundMessage inbound) => AnsweredRequests.Add(request.ToString());

    public void OnForwarded(SipRequest request, InboundMessage inbound) => Forwarded++;

    public void OnResponseRelayed(SipResponse response)
    {
        lock (Relayed)
        {
            Relayed.Add(response.StatusCode);
        }
    }
}
