using Screening.Counters;

namespace Screening.Rules;

/// <summary>
/// Call bombing (呼死你): whoever the caller, once it has had <see cref="ScreeningParameters.BombingLimit"/> calls
/// to one callee admitted within the window, its further calls to that callee are intercepted until the window
/// slides past. Emergency calls are never counted nor blocked (the pipeline admits them before any rule).
/// </summary>
public sealed class BombingRule(ScreeningParameters parameters, ISet<string>? mutants = null, IEventWindows? windows = null) : IScreeningRule, ICallObserver
{
    private readonly IEventWindow<PairKey> _calls = (windows ?? InProcessEventWindows.Instance).Open<PairKey>("bombing", parameters.BombingWindow, parameters.BombingLimit);
    private readonly bool _perCallee = mutants?.Contains(RuleMutants.BombingPerCallee) ?? false;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<PairKey, bool>? _cutOffForGood =
        mutants?.Contains(RuleMutants.BombingWindow) ?? false ? new() : null;

    public string Id => RuleIds.Bombing;

    public ScreeningDecision? Evaluate(CallAttempt call) =>
        _cutOffForGood?.ContainsKey(Key(call)) == true || _calls.Count(Key(call), call.At) >= parameters.BombingLimit
            ? ScreeningDecision.Intercept(Id, "call-bombing", $"{call.Caller.National} already called {call.Called.National} {parameters.BombingLimit} times within {parameters.BombingWindow}")
            : null;

    public void OnScreened(CallAttempt call, ScreeningDecision decision)
    {
        if (!decision.IsIntercepted && decision.RuleId != ScreeningPipeline.EmergencyBypassId)
        {
            if (_calls.Add(Key(call), call.At) >= parameters.BombingLimit && _cutOffForGood is not null)
            {
                _cutOffForGood.TryAdd(Key(call), true);
            }
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

    private PairKey Key(CallAttempt call) => new(_perCallee ? 0 : NumberKey.Of(call.Caller.National), NumberKey.Of(call.Called.National));
}
