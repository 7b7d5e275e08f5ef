using System.Text;
using Screening;
using Sip;

namespace Reference.Signalling;

/// <summary>Builds the final response for an intercepted INVITE in the configured signalling profile.</summary>
public sealed class InterceptResponder(SignallingOptions options)
{
    // The header texts that depend only on the configuration are made once, not per intercepted call.
    private readonly string _redressCallInfo = $"<{options.RedressUrl}>;purpose=jwscard";
    private readonly string _redressReason = RedressReason(options.RedressUrl);

    // Intercepted calls come in runs with the same reason (one rule's text): the last warning is kept for the next, as
    // the 603+'s two added header lines in wire form (its Reason, the same for every call, and its Warning).
    private readonly LastText<string> _warnings = new(WarningFor);
    private readonly LastMade<string, byte[]> _lines = new(reason =>
        Encoding.UTF8.GetBytes($"{HeaderNames.Reason}: {RedressReason(options.RedressUrl)}\r\n{HeaderNames.Warning}: {WarningFor(reason)}\r\n"));

    public SipResponse Build(SipRequest invite, ScreeningDecision decision)
    {
        switch (options.Profile)
        {
            case SignallingOptions.Rfc8688:
            {
                var response = SipResponse.For(invite, 608, "Rejected");
                response.Headers.Add(HeaderNames.CallInfo, _redressCallInfo);
                return response;
            }

            // REQUIREMENTS area 7: 607 is for the callee's own refusals; the network's own blocks fall to 603+ below.
            case SignallingOptions.Rfc8197 when decision.IsCalleeRefusal:
                return SipResponse.For(invite, 607, "Unwanted");

            default:
            {
                // ATIS-1000099 "603+": the reason phrase and a Reason header whose text carries redress contacts. Written
                // straight into the bytes that go on the wire: the node only sends it and keeps it to send again.
                if (SipResponse.WrittenFor(invite, 603, "Network Blocked", _lines.For(decision.Reason)) is { } written)
                {
                    return written;
                }

                var response = SipResponse.For(invite, 603, "Network Blocked");
                response.Headers.Add(HeaderNames.Reason, _redressReason);
                response.Headers.Add(HeaderNames.Warning, _warnings.For(decision.Reason));
                return response;
            }
        }
    }

    private static string RedressReason(string url) => $"SIP;cause=603;text=\"v=analytics1;url={url}\"";

    private static string WarningFor(string reason) => $"399 screening {SipGrammar.Quote(reason)}";
}
