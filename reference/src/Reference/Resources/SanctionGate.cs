using Reference.Signalling;
using Screening;
using Screening.Directory;
using Screening.Numbering;
using Sip;

namespace Reference.Resources;

/// <summary>
/// Contract sanctions on the call path: an INVITE that screening admitted from a suspended trunk is intercepted, answered
/// with the signalling profile's blocking response and reason code <see cref="Reason"/> (in the Warning header and the
/// call record). Emergency calls are never refused, whatever the sanction.
/// </summary>
public sealed class SanctionGate(ResourceLedger ledger, IScreeningDirectory directory, InterceptResponder responder) : IInviteGate
{
    public const string RuleId = "trunk-sanction";

    public const string Reason = "trunk-suspended";

    public InviteRefusal? Check(CallAttempt call, SipRequest invite)
    {
        if (!ledger.Options.Sanctions || call.Realm != Realm.Access || EmergencyNumbers.IsEmergency(call.CalledNumber)
            || call.TrunkIn(directory) is not { } trunk || !ledger.IsSuspended(trunk.Id))
        {
            return null;
        }

        var decision = ScreeningDecision.Intercept(RuleId, Reason, $"the trunk {trunk.Id} is suspended under its contract");
        return new InviteRefusal(responder.Build(invite, decision), decision);
    }
}
