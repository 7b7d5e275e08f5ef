using Screening.Directory;

namespace Screening.Rules;

/// <summary>A marketing call needs the callee's recorded consent (the whitelist); silence is not consent.</summary>
public sealed class MarketingConsentRule(IScreeningDirectory directory, ISet<string>? mutants = null) : IScreeningRule
{
    private readonly bool _ignoreConsent = mutants?.Contains(RuleMutants.ConsentEvidence) ?? false;
    private readonly bool _everySector = mutants?.Contains(RuleMutants.ConsentSectors) ?? false;

    public string Id => RuleIds.MarketingConsent;

    public ScreeningDecision? Evaluate(CallAttempt call) =>
        (_everySector ? call.TrunkIn(directory) : MarketingCall.MarketingTrunk(directory, call)) is { } trunk
        && (_ignoreConsent || !directory.HasConsent(trunk.EnterpriseId, call.Called.National))
            ? ScreeningDecision.Intercept(Id, "no-consent", $"{call.Called.National} has not consented to marketing calls from {trunk.EnterpriseId}")
            : null;
}
