using System.Collections.Concurrent;
using Screening.Counters;

namespace Screening.Rules;

/// <summary>
/// One-ring calls (响一声, wangiri): a caller whose admitted calls ring briefly and are cancelled (within the ring
/// time of the first 180/183), to many distinct callees in a window, with almost no answers, is flagged; further
/// calls from that number are intercepted while the flag lasts. The rule watches calls as an observer.
/// </summary>
public sealed class OneRingRule(ScreeningParameters parameters, ISet<string>? mutants = null, IEventWindows? windows = null) : IScreeningRule, ICallObserver
{
    private readonly bool _anyRingTime = mutants?.Contains(RuleMutants.OneRingRingTime) ?? false;
    private readonly bool _ignoreAnswers = mutants?.Contains(RuleMutants.OneRingAnswers) ?? false;

    private readonly IEventWindow<long> _shortRings = (windows ?? InProcessEventWindows.Instance).Open<long>("one-ring:short-rings", parameters.OneRingWindow, parameters.OneRingCallees * 2);
    private readonly IEventWindow<long> _answers = (windows ?? InProcessEventWindows.Instance).Open<long>("one-ring:answers", parameters.OneRingWindow, parameters.OneRingMaxAnswers + 1);
    // Read on every call, written once per flagged caller: every node keeps the flags in memory.
    private readonly IEventWindow<long> _flags = (windows ?? InProcessEventWindows.Instance).OpenFlags("one-ring:flags", parameters.OneRingFlagDuration);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _alerting = new(StringComparer.Ordinal);
    private long _nextSweepTicks = long.MinValue;

    public string Id => RuleIds.OneRing;

    /// <summary>
    /// Calls alerting now, awaiting their end. Bounded by time: a call alerting for longer than the ring time can no
    /// longer end as a one ring, so it is dropped at the next sweep, and abandoned calls are dropped when told.
    /// </summary>
    public int Alerting => _alerting.Count;

    public ScreeningDecision? Evaluate(CallAttempt call) =>
        _flags.Count(NumberKey.Of(call.Caller.National), call.At) > 0
            ? ScreeningDecision.Intercept(Id, "one-ring-caller", $"{call.Caller.National} is flagged for one-ring calls")
            : null;

    public void OnScreened(CallAttempt call, ScreeningDecision decision)
    {
    }

    public void OnAlerting(CallAttempt call, DateTimeOffset at)
    {
        _alerting.TryAdd(call.CallId, at);
        DropLongRings(at);
    }

    public void OnAnswered(CallAttempt call, DateTimeOffset at)
    {
        _alerting.TryRemove(call.CallId, out _);
        _answers.Record(NumberKey.Of(call.Caller.National), at);
    }

    public void OnEnded(CallAttempt call, CallEnd end, DateTimeOffset at)
    {
        if (!_alerting.TryRemove(call.CallId, out var alerted) || end != CallEnd.Cancelled || (at - alerted > parameters.OneRingTime && !_anyRingTime))
        {
            return;
        }

        var caller = NumberKey.Of(call.Caller.National);
        _shortRings.Add(caller, at, NumberKey.Of(call.Called.National));
        if (_shortRings.DistinctValues(caller, at) >= parameters.OneRingCallees && (_ignoreAnswers || _answers.Count(caller, at) <= parameters.OneRingMaxAnswers))
        {
            _flags.Record(caller, at);
        }
    }

    /// <summary>At most once per ring time, so that the table is walked rarely whatever the call rate.</summary>
    private void DropLongRings(DateTimeOffset now)
    {
        var due = Interlocked.Read(ref _nextSweepTicks);
        if (_anyRingTime || now.UtcTicks < due || Interlocked.CompareExchange(ref _nextSweepTicks, now.UtcTicks + parameters.OneRingTime.Ticks, due) != due)
        {
            return;
        }

        var cutoff = now - parameters.OneRingTime;
        foreach (var (callId, alerted) in _alerting)
        {
            if (alerted < cutoff)
            {
                _alerting.TryRemove(callId, out _);
            }
        }
    }
}
