using Screening.Numbering;

namespace Screening.Rules;

/// <summary>
/// Non-standard calling numbers (不规范主叫号码): a domestic call whose calling number is malformed, of the wrong
/// length, unallocated or not diallable is intercepted. Calls from abroad are left to the international rule.
/// </summary>
public sealed class NonStandardNumberRule(bool serviceNumbersMutant = false) : IScreeningRule
{
    public string Id => RuleIds.NonStandardNumber;

    public ScreeningDecision? Evaluate(CallAttempt call)
    {
        if (call.Realm == Realm.International)
        {
            return null;
        }

        foreach (var number in call.CallingChecks)
        {
            if (!number.IsValid || (serviceNumbersMutant && number.Kind == NumberKind.Service))
            {
                return ScreeningDecision.Intercept(Id, "non-standard-number:" + (number.Problem ?? "service"), $"calling number {number.National} is {number.Problem}");
            }
        }

        return null;
    }
}
