using Screening;
using global::Sip;

namespace Reference.Sip;

/// <summary>Builds the final response for an intercepted INVITE in the configured signalling profile.</summary>
public sealed class InterceptResponder(SignallingOptions options)
{
    public SipResponse Build(SipRequest invite, ScreeningDecision decision)
    {
        switch (options.Profile)
        {
            case SignallingOptions.Rfc8688:
            {
                var response = SipResponse.For(invite, 608, "Rejected");
                response.Headers.Add(HeaderNames.CallInfo, $"<{options.RedressUrl}>;purpose=jwscard");
                return response;
            }

            // REQUIREMENTS area 7: 607 is for the callee's own refusals; the network's own blocks fall to 603+ below.
            case SignallingOptions.Rfc8197 when decision.IsCalleeRefusal:
                return SipResponse.For(invite, 607, "Unwanted");

            default:
            {
                // ATIS-1000099 "603+": the reason phrase and a Reason header whose text carries redress contacts.
                var response = SipResponse.For(invite, 603, "Network Blocked");
                response.Headers.Add(HeaderNames.Reason, $"SIP;cause=603;text=\"v=analytics1;url={options.RedressUrl}\"");
                response.Headers.Add(HeaderNames.Warning, $"399 screening {SipGrammar.Quote(decision.Reason)}");
                return response;
            }
        }
    }
}
