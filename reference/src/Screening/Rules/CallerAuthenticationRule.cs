using Screening.Directory;

namespace Screening.Rules;

/// <summary>
/// Caller-number authentication (主叫号码鉴权) on the access realm: the trunk must be known by its source address,
/// and every number it presents (From and P-Asserted-Identity) must lie in a range allocated to its enterprise.
/// Anything else is intercepted, never forwarded, rewritten or not (no transparent pass-through, 透传).
/// </summary>
public sealed class CallerAuthenticationRule(IScreeningDirectory directory) : IScreeningRule
{
    public string Id => RuleIds.CallerAuthentication;

    public ScreeningDecision? Evaluate(CallAttempt call)
    {
        if (call.Realm != Realm.Access)
        {
            return null;
        }

        if (directory.TrunkAt(call.Source) is not { } trunk)
        {
            return ScreeningDecision.Intercept(Id, "unknown-trunk", $"no access trunk is provisioned for source {call.Source}");
        }

        foreach (var number in call.CallingChecks)
        {
            if (directory.RangeOf(number.National) is not { } range || range.EnterpriseId != trunk.EnterpriseId)
            {
                return ScreeningDecision.Intercept(Id, "number-not-allocated",
                    $"trunk {trunk.Id} presents {number.National}, outside the ranges allocated to enterprise {trunk.EnterpriseId}");
            }
        }

        return null;
    }
}
