using Screening;
using Sip;
using Sip.Proxy;
using Sip.Transport;

namespace Reference.Signalling;

/// <summary>
/// What the screening node decides on top of the proxy core: INVITEs are screened and intercepted ones answered with
/// the profile's final response, admitted ones decorated and forwarded; OPTIONS addressed to the node is answered
/// with its capabilities; responses, CANCEL and BYE are reported to the call observers (one-ring, labelling).
/// </summary>
public sealed class ScreeningPolicy(
    ScreeningPipeline pipeline,
    InterceptResponder responder,
    ActiveCalls calls,
    SipNodeMetrics metrics,
    IEnumerable<LabelService.IForwardDecorator> decorators,
    IEnumerable<IInviteGate> gates,
    EdgeHygiene hygiene,
    TimeProvider time,
    ILogger<ScreeningPolicy> logger,
    IEnumerable<ICallHold> holds) : IProxyPolicy
{
    private readonly ICallHold? _hold = holds.FirstOrDefault();
    private readonly LabelService.IForwardDecorator[] _decorators = decorators.ToArray();
    private readonly IInviteGate[] _gates = gates.ToArray();
    private readonly Dictionary<ProxyLeg, Realm> _realms = [];

    // The transports hand the same endpoint object for datagrams from the same sender, so its text is made once per
    // sender (per receiving thread) rather than per call.
    [ThreadStatic]
    private static (System.Net.IPEndPoint EndPoint, string Text)? t_lastSource;

    /// <summary>Which realm a leg serves; set before the leg's transports start.</summary>
    public void Serve(ProxyLeg leg, Realm realm) => _realms[leg] = realm;

    public ProxyDecision OnRequest(SipRequest request, InboundMessage inbound, ProxyLeg leg) => request.Kind switch
    {
        SipMethod.Invite => Screen(request, inbound, _realms[leg]),
        SipMethod.Options when IsAddressedToNode(request) => ProxyDecision.Answer(Capabilities(request)),
        SipMethod.Bye => HungUp(request),
        _ => ProxyDecision.Forward,
    };

    /// <summary>Emergency calls are never shed (the pipeline's bypass would admit them; overload must not refuse them first).</summary>
    public bool IsNeverShed(SipRequest invite) =>
        invite.RequestUriNumber is { } number && Screening.Numbering.EmergencyNumbers.IsEmergency(number);

    public void OnCancel(SipRequest cancel) => calls.Cancelled(cancel.CallId ?? string.Empty);

    public void OnAnswered(SipRequest request, SipResponse response, InboundMessage inbound)
    {
        if (request.Kind == SipMethod.Invite)
        {
            metrics.Intercepted.RecordSince(inbound.ReceivedAt);
        }
    }

    public void OnForwarded(SipRequest request, InboundMessage inbound)
    {
        if (request.Kind == SipMethod.Invite)
        {
            metrics.Forwarded.RecordSince(inbound.ReceivedAt);
        }
    }

    public void OnResponseRelayed(SipResponse response)
    {
        if (response.CSeq?.Kind == SipMethod.Invite && response.CallId is { } callId)
        {
            calls.Responded(callId, response.StatusCode);
        }
    }

    /// <summary>A 2xx no transaction claims: held behind its call's record, or, for a call screened before a restart, behind a record made of it now.</summary>
    public ResponseHold? HoldUnmatched(SipResponse response, ProxyLeg leg)
    {
        if (_hold is null || response.CallId is not { } callId)
        {
            return null;
        }

        if (calls.Find(callId) is { } known)
        {
            return _hold.For(known);
        }

        // Responses come back on the leg the call came in on (the node forwards from the leg it received on).
        return _hold.ForUnscreened(new CallAttempt(
            _realms[leg], NumberOf(response.From) ?? string.Empty, null, NumberOf(response.To) ?? string.Empty, string.Empty, callId, time.GetUtcNow()));
    }

    private static string SourceText(System.Net.IPEndPoint source)
    {
        if (t_lastSource is { } last && ReferenceEquals(last.EndPoint, source))
        {
            return last.Text;
        }

        var text = source.ToString();
        t_lastSource = (source, text);
        return text;
    }

    private ProxyDecision Screen(SipRequest invite, InboundMessage inbound, Realm realm)
    {
        var call = new CallAttempt(
            realm,
            // The numbers straight from the received bytes: neither address nor the Request-URI is wanted whole here.
            invite.NumberIn(HeaderNames.From) ?? string.Empty,
            NumberOf(NameAddress.TryParse(invite.Headers.FirstValue(HeaderNames.PAssertedIdentity), out var pai) ? pai : null),
            invite.RequestUriNumber ?? string.Empty,
            SourceText(inbound.Remote),
            invite.CallId ?? string.Empty,
            time.GetUtcNow());

        // After the caller's identity is read for screening, before anything is added: what goes on is the network's word.
        hygiene.Clean(invite, realm);
        var decision = pipeline.Screen(call);
        var refusal = decision.IsIntercepted ? null : Refusal(call, invite);
        decision = refusal?.Decision ?? decision;
        calls.Screened(call, decision);
        if (logger.IsEnabled(LogLevel.Information))
        {
            // Checked first: the call would box its arguments into an array on every INVITE even with the level off.
            logger.LogInformation("{Realm} INVITE {CallId} from {Caller} to {Callee}: {Action} ({Reason})",
                realm, call.CallId, call.PresentedNumber, call.CalledNumber, decision.Action, decision.Reason);
        }

        var hold = _hold?.For(call);
        if (decision.IsIntercepted)
        {
            var answer = ProxyDecision.Answer(refusal?.Response ?? responder.Build(invite, decision));
            return hold is { } held ? answer.HeldAt(held) : answer;
        }

        foreach (var decorator in _decorators)
        {
            decorator.Decorate(call, invite);
        }

        return hold is { } waits ? ProxyDecision.Forward.HeldAt(waits) : ProxyDecision.Forward;
    }

    /// <summary>The first gate's refusal of an admitted INVITE (identity verification), or null to forward it.</summary>
    private InviteRefusal? Refusal(CallAttempt call, SipRequest invite)
    {
        foreach (var gate in _gates)
        {
            if (gate.Check(call, invite) is { } refusal)
            {
                return refusal;
            }
        }

        return null;
    }

    private ProxyDecision HungUp(SipRequest bye)
    {
        calls.HungUp(bye.CallId ?? string.Empty);
        return ProxyDecision.Forward;
    }

    private static SipResponse Capabilities(SipRequest options)
    {
        var response = SipResponse.For(options, 200);
        response.Headers.Add(HeaderNames.Allow, "INVITE, ACK, CANCEL, BYE, OPTIONS");
        response.Headers.Add("Accept", "application/sdp");
        return response;
    }

    private static bool IsAddressedToNode(SipRequest request) =>
        SipUri.TryParse(request.RequestUri, out var uri) && uri.User is null;

    private static string? NumberOf(NameAddress? address) => address?.Uri.Number;
}
