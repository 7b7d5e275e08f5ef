using Screening;
using Sip;

namespace Reference.Signalling;

/// <summary>
/// Checks an INVITE that screening admitted, before it is decorated and forwarded (identity verification): returns
/// the refusal to answer with, or null to let the call on. Called on the hot path: must be fast and must not throw.
/// </summary>
public interface IInviteGate
{
    InviteRefusal? Check(CallAttempt call, SipRequest invite);
}
