using Screening;
using Sip;

namespace Reference.Signalling;

/// <summary>A gate's refusal: the final response to send, and the decision call observers see in place of "admitted".</summary>
public sealed record InviteRefusal(SipResponse Response, ScreeningDecision Decision);
