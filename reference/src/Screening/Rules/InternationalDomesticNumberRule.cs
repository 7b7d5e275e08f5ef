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

        // Each calling number in turn, read against the plan through the call's own checks, which later rules and the
        // call's record read again: no second reading per call from abroad.
        if (ChineseNumber.IsNational(call.PresentedNumber) && !IsRoamingSubscriber(call.Presented))
        {
            return PresentsInFrom;
        }

        if (call.AssertsAnotherNumber && ChineseNumber.IsNational(call.AssertedNumber!) && !IsRoamingSubscriber(call.Asserted!.Value))
        {
            return AssertsInIdentity;
        }

        return null;
    }

    // Made once: the number itself is the call's (and its record's), so the text names only which identity presents
    // it, and an intercepted call from abroad formats nothing.
    private static readonly ScreeningDecision PresentsInFrom = ScreeningDecision.Intercept(RuleId, Reason, "call from abroad presents a Chinese national number in From");
    private static readonly ScreeningDecision AssertsInIdentity = ScreeningDecision.Intercept(RuleId, Reason, "call from abroad presents a Chinese national number in P-Asserted-Identity");

    private const string Reason = "intl-presents-domestic-number";

    private bool IsRoamingSubscriber(NumberCheck check) =>
        !_noRoaming && check is { Kind: NumberKind.Mobile } mobile && directory.IsRoaming(mobile.National);
}
