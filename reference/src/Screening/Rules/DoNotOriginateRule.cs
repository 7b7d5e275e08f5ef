using Screening.Directory;

namespace Screening.Rules;

/// <summary>Numbers on the do-not-originate list (inbound-only service numbers, unassigned blocks) never place calls, from any realm.</summary>
public sealed class DoNotOriginateRule(IScreeningDirectory directory) : IScreeningRule
{
    public string Id => RuleIds.DoNotOriginate;

    public ScreeningDecision? Evaluate(CallAttempt call)
    {
        foreach (var number in call.CallingChecks)
        {
            if (number.IsDomestic && directory.IsDoNotOriginate(number.National))
            {
                return ScreeningDecision.Intercept(Id, "do-not-originate", $"{number.National} is on the do-not-originate list");
            }
        }

        return null;
    }
}
