using Screening.Directory;

namespace Screening.Rules;

/// <summary>
/// Consent counts only while its evidence is kept (default five months from when it was recorded): past that, the
/// enterprise can no longer show it, so its marketing calls are intercepted until the callee consents again.
/// Separate from <see cref="MarketingConsentRule"/> so that a mutant run can switch off just the lapse.
/// </summary>
public sealed class ConsentRetentionRule(IScreeningDirectory directory) : IScreeningRule
{
    public string Id => RuleIds.ConsentRetention;

    public ScreeningDecision? Evaluate(CallAttempt call) =>
        MarketingCall.MarketingTrunk(directory, call) is { } trunk
        && directory.HasConsent(trunk.EnterpriseId, call.Called.National)
        && !directory.HasConsent(trunk.EnterpriseId, call.Called.National, call.At)
            ? ScreeningDecision.Intercept(Id, "consent-lapsed", $"the consent of {call.Called.National} to {trunk.EnterpriseId} is past its evidence retention")
            : null;
}
