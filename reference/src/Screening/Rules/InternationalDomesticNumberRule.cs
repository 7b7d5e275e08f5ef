using Screening.Numbering;

namespace Screening.Rules;

/// <summary>
/// Calls arriving from abroad may not present a Chinese national number ("+86" spoofing, 2018 action plan;
/// YD/T 3451-2019). Every presented identity is checked: From and P-Asserted-Identity.
/// </summary>
public sealed class InternationalDomesticNumberRule : IScreeningRule
{
    public const string RuleId = "intl-domestic-number";

    public string Id => RuleId;

    public ScreeningDecision? Evaluate(CallAttempt call)
    {
        if (call.Realm != Realm.International)
        {
            return null;
        }

        foreach (var number in call.CallingNumbers)
        {
            if (ChineseNumber.IsNational(number))
            {
                return ScreeningDecision.Intercept(RuleId, "intl-presents-domestic-number",
                    $"call from abroad presents the Chinese national number {number}");
            }
        }

        return null;
    }
}
