using System.Runtime.CompilerServices;
using Screening.Counters;

namespace Screening.Rules;

/// <summary>
/// Call bombing (呼死你): whoever the caller, once it has had <see cref="ScreeningParameters.BombingLimit"/> calls
/// to one callee admitted within the window, its further calls to that callee are intercepted until the window
/// slides past. Emergency calls are never counted nor blocked (the pipeline admits them before any rule).
/// The check and the count are one step: a call that passes reserves its place in the window as it is screened, so
/// that calls screened at the same moment (on one node or several) never get past the limit together; a reserved
/// call that a later rule or gate refuses gives its place back.
/// </summary>
public sealed class BombingRule(ScreeningParameters parameters, ISet<string>? mutants = null, IEventWindows? windows = null) : IScreeningRule, ICallObserver
{
    private readonly IEventWindow<PairKey> _calls = (windows ?? InProcessEventWindows.Instance).Open<PairKey>("bombing", parameters.BombingWindow, parameters.BombingLimit);
    private readonly bool _perCallee = mutants?.Contains(RuleMutants.BombingPerCallee) ?? false;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<PairKey, bool>? _cutOffForGood =
        mutants?.Contains(RuleMutants.BombingWindow) ?? false ? new() : null;

    // Held from screening to the decision; weak, so a call screened and never decided leaves nothing behind.
    private readonly ConditionalWeakTable<CallAttempt, Held> _reserved = new();

    public string Id => RuleIds.Bombing;

    public ScreeningDecision? Evaluate(CallAttempt call)
    {
        var key = Key(call);
        if (_cutOffForGood?.ContainsKey(key) != true && _calls.TryReserve(key, call.At, parameters.BombingLimit) is { } reservation)
        {
            _reserved.AddOrUpdate(call, new Held(key, reservation));
            return null;
        }

        return ScreeningDecision.Intercept(Id, "call-bombing", $"{call.Caller.National} already called {call.Called.National} {parameters.BombingLimit} times within {parameters.BombingWindow}");
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
            _calls.Release(held.Key, held.Reservation);
        }
        else if (held.Reservation.Count >= parameters.BombingLimit && _cutOffForGood is not null)
        {
            _cutOffForGood.TryAdd(held.Key, true);
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

    private sealed record Held(PairKey Key, WindowReservation Reservation);
}
