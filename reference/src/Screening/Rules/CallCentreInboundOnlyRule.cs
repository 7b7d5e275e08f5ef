using Screening.Directory;

namespace Screening.Rules;

/// <summary>Call-centre access numbers are inbound-only unless outbound calling was enabled for their range (MIIT June 2020 notice).</summary>
public sealed class CallCentreInboundOnlyRule(IScreeningDirectory directory) : IScreeningRule
{
    public string Id => RuleIds.CallCentreInboundOnly;

    public ScreeningDecision? Evaluate(CallAttempt call)
    {
        if (call.Realm != Realm.Access)
        {
            return null;
        }

        foreach (var number in call.CallingChecks)
        {
            if (directory.RangeOf(number.National) is { InboundOnly: true })
            {
                return ScreeningDecision.Intercept(Id, "inbound-only-number", $"{number.National} is an inbound-only call-centre access number");
            }
        }

        return null;
    }
}
