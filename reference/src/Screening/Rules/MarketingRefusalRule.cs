using Screening.Directory;

namespace Screening.Rules;

/// <summary>
/// After a callee refuses an enterprise's calls, or refuses all marketing calls (谢绝来电), no further marketing
/// call reaches them, whatever consent was recorded before. Decisions carry reason "callee-refused".
/// </summary>
public sealed class MarketingRefusalRule(IScreeningDirectory directory) : IScreeningRule
{
    public string Id => RuleIds.MarketingRefusal;

    public ScreeningDecision? Evaluate(CallAttempt call) =>
        MarketingCall.MarketingTrunk(directory, call) is { } trunk && directory.IsRefused(trunk.EnterpriseId, call.Called.National)
            ? ScreeningDecision.Intercept(Id, "callee-refused", $"{call.Called.National} refused marketing calls from {trunk.EnterpriseId}")
            : null;
}
