using Screening.Directory;

namespace Screening.Rules;

/// <summary>A marketing call needs the callee's recorded consent (the whitelist); silence is not consent.</summary>
public sealed class MarketingConsentRule(IScreeningDirectory directory) : IScreeningRule
{
    public string Id => RuleIds.MarketingConsent;

    public ScreeningDecision? Evaluate(CallAttempt call) =>
        MarketingCall.MarketingTrunk(directory, call) is { } trunk && !directory.HasConsent(trunk.EnterpriseId, call.Called.National)
            ? ScreeningDecision.Intercept(Id, "no-consent", $"{call.Called.National} has not consented to marketing calls from {trunk.EnterpriseId}")
            : null;
}
