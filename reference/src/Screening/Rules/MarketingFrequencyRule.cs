using Screening.Counters;
using Screening.Directory;

namespace Screening.Rules;

/// <summary>
/// Marketing callers may reach one callee at most <see cref="ScreeningParameters.MarketingShortLimit"/> times in
/// the short window (default 3 in 5 minutes) and <see cref="ScreeningParameters.MarketingDailyLimit"/> times a day
/// (default 5 in 24 hours), counted per enterprise and callee over admitted calls.
/// </summary>
public sealed class MarketingFrequencyRule(IScreeningDirectory directory, ScreeningParameters parameters, IEventWindows? windows = null) : IScreeningRule, ICallObserver
{
    private readonly IEventWindow<PairKey> _short = (windows ?? InProcessEventWindows.Instance).Open<PairKey>("marketing:short", parameters.MarketingShortWindow, parameters.MarketingShortLimit);
    private readonly IEventWindow<PairKey> _daily = (windows ?? InProcessEventWindows.Instance).Open<PairKey>("marketing:daily", parameters.MarketingDailyWindow, parameters.MarketingDailyLimit);

    public string Id => RuleIds.MarketingFrequency;

    public ScreeningDecision? Evaluate(CallAttempt call)
    {
        if (MarketingCall.MarketingTrunk(directory, call) is not { } trunk)
        {
            return null;
        }

        var key = Key(trunk, call);
        if (_short.Count(key, call.At) >= parameters.MarketingShortLimit)
        {
            return ScreeningDecision.Intercept(Id, "marketing-frequency:short", $"{trunk.EnterpriseId} already called {call.Called.National} {parameters.MarketingShortLimit} times within {parameters.MarketingShortWindow}");
        }

        return _daily.Count(key, call.At) >= parameters.MarketingDailyLimit
            ? ScreeningDecision.Intercept(Id, "marketing-frequency:daily", $"{trunk.EnterpriseId} already called {call.Called.National} {parameters.MarketingDailyLimit} times within {parameters.MarketingDailyWindow}")
            : null;
    }

    public void OnScreened(CallAttempt call, ScreeningDecision decision)
    {
        if (!decision.IsIntercepted && MarketingCall.MarketingTrunk(directory, call) is { } trunk)
        {
            var key = Key(trunk, call);
            _short.Add(key, call.At);
            _daily.Add(key, call.At);
        }
    }

    public void OnAlerting(CallAttempt call, DateTimeOffset at)
    {
    }

    public void OnAnswered(CallAttempt call, DateTimeOffset at)
    {
    }

    public void OnEnded(CallAttempt call, CallEnd end, DateTimeOffset at)
    {
    }

    private static PairKey Key(Trunk trunk, CallAttempt call) => new(NumberKey.Of(trunk.EnterpriseId), NumberKey.Of(call.Called.National));
}
