using Conformance.Harness.Targets;

namespace Conformance.Harness.Management;

/// <summary>The target file's rule parameters as the body of PUT /v1/parameters (spec/api/openapi.yaml, ScreeningParameters).</summary>
public static class ParametersBody
{
    public static object From(RuleParameters p) => new
    {
        oneRing = new { ringSeconds = p.OneRingSeconds, callees = p.OneRingCallees, windowMinutes = p.OneRingWindowMinutes, maxAnswers = p.OneRingMaxAnswers },
        bombing = new { limit = p.BombingLimit, windowSeconds = p.BombingWindowSeconds },
        marketing = new
        {
            shortLimit = p.MarketingShortLimit,
            shortWindowMinutes = p.MarketingShortWindowMinutes,
            dailyLimit = p.MarketingDailyLimit,
            callingHours = p.CallingHours,
            consentRetentionDays = p.ConsentRetentionDays,
        },
    };
}
