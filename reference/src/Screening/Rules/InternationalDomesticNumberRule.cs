using Screening.Directory;
using Screening.Numbering;

namespace Screening.Rules;

/// <summary>
/// Calls arriving from abroad may not present a Chinese national number ("+86" spoofing, 2018 action plan;
/// YD/T 3451-2019). Every presented identity is checked: From and P-Asserted-Identity. The one exception is a
/// domestic mobile subscriber the network knows to be roaming abroad (the provisioned roaming list).
/// </summary>
public sealed class InternationalDomesticNumberRule(IScreeningDirectory directory, ISet<string>? mutants = null) : IScreeningRule
{
    public const string RuleId = "intl-domestic-number";

    private readonly bool _anyRealm = mutants?.Contains(RuleMutants.InternationalAnyRealm) ?? false;
    private readonly bool _noRoaming = mutants?.Contains(RuleMutants.RoamingException) ?? false;

    public InternationalDomesticNumberRule()
        : this(EmptyDirectory.Instance)
    {
    }

    public string Id => RuleId;

    public ScreeningDecision? Evaluate(CallAttempt call)
    {
        if (call.Realm != Realm.International && !(_anyRealm && call.Realm == Realm.Interconnect))
        {
            return null;
        }

        foreach (var number in call.CallingNumbers)
        {
            if (ChineseNumber.IsNational(number) && !IsRoamingSubscriber(number))
            {
                return ScreeningDecision.Intercept(RuleId, "intl-presents-domestic-number",
                    $"call from abroad presents the Chinese national number {number}");
            }
        }

        return null;
    }

    private bool IsRoamingSubscriber(string number) =>
        !_noRoaming && NumberingPlan.Check(number) is { Kind: NumberKind.Mobile } mobile && directory.IsRoaming(mobile.National);
}
