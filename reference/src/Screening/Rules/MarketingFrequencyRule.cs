using Screening.Counters;
using Screening.Directory;

namespace Screening.Rules;

/// <summary>
/// Marketing callers may reach one callee at most <see cref="ScreeningParameters.MarketingShortLimit"/> times in
/// the short window (default 3 in 5 minutes) and <see cref="ScreeningParameters.MarketingDailyLimit"/> times a day
/// (default 5 in 24 hours), counted per enterprise and callee over admitted calls. A call that passes reserves its place
/// in both windows as it is screened (check and count in one step, so concurrent calls never pass the limit together)
/// and gives it back if a later gate refuses it.
/// </summary>
public sealed class MarketingFrequencyRule(IScreeningDirectory directory, ScreeningParameters parameters, IEventWindows? windows = null) : IScreeningRule, ICallObserver
{
    private readonly IEventWindow<PairKey> _short = (windows ?? InProcessEventWindows.Instance).Open<PairKey>("marketing:short", parameters.MarketingShortWindow, parameters.MarketingShortLimit);
    private readonly IEventWindow<PairKey> _daily = (windows ?? InProcessEventWindows.Instance).Open<PairKey>("marketing:daily", parameters.MarketingDailyWindow, parameters.MarketingDailyLimit);

    // Held from screening to the decision; weak, so a call screened and never decided leaves nothing behind.
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<CallAttempt, Held> _reserved = new();

    public string Id => RuleIds.MarketingFrequency;

    public ScreeningDecision? Evaluate(CallAttempt call)
    {
        if (MarketingCall.MarketingTrunk(directory, call) is not { } trunk)
        {
            return null;
        }

        var key = Key(trunk, call);
        if (_short.TryReserve(key, call.At, parameters.MarketingShortLimit) is not { } inShort)
        {
            return ScreeningDecision.Intercept(Id, "marketing-frequency:short", $"{trunk.EnterpriseId} already called {call.Called.National} {parameters.MarketingShortLimit} times within {parameters.MarketingShortWindow}");
        }

        if (_daily.TryReserve(key, call.At, parameters.MarketingDailyLimit) is not { } inDay)
        {
            _short.Release(key, inShort);
            return ScreeningDecision.Intercept(Id, "marketing-frequency:daily", $"{trunk.EnterpriseId} already called {call.Called.National} {parameters.MarketingDailyLimit} times within {parameters.MarketingDailyWindow}");
        }

        _reserved.AddOrUpdate(call, new Held(key, inShort, inDay));
        return null;
    }

    public void OnScreened(CallAttempt call, ScreeningDecision decision)
    {
        if (!_reserved.TryGetValue(call, out var held))
        {
            return;
        }

        _reserved.Remove(call);
        if (decision.IsIntercepted)
        {
            _short.Release(held.Key, held.Short);
            _daily.Release(held.Key, held.Daily);
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

    private sealed record Held(PairKey Key, WindowReservation Short, WindowReservation Daily);

    private static PairKey Key(Trunk trunk, CallAttempt call) => new(NumberKey.Of(trunk.EnterpriseId), NumberKey.Of(call.Called.National));
}
