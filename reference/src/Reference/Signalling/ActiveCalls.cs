using System.Collections.Concurrent;
using Screening;

namespace Reference.Signalling;

/// <summary>
/// Admitted calls still in progress, by Call-ID, so that responses, CANCEL and BYE seen by the node can be
/// reported to the call observers. Entries that see no end are forgotten after <see cref="Lifetime"/>.
/// </summary>
public sealed class ActiveCalls(IEnumerable<ICallObserver> observers, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(2);

    private readonly ICallObserver[] _observers = observers.ToArray();
    private readonly ConcurrentDictionary<string, Tracked> _calls = new(StringComparer.Ordinal);
    private DateTimeOffset _nextSweep;

    public int Count => _calls.Count;

    /// <summary>The admitted call of <paramref name="callId"/> still in progress, or null (ended, or never seen by this node).</summary>
    public CallAttempt? Find(string callId) => _calls.TryGetValue(callId, out var tracked) ? tracked.Call : null;

    public void Screened(CallAttempt call, ScreeningDecision decision)
    {
        foreach (var observer in _observers)
        {
            observer.OnScreened(call, decision);
        }

        if (!decision.IsIntercepted)
        {
            _calls[call.CallId] = new Tracked(call);
            ForgetStale();
        }
    }

    /// <summary>A response to an admitted INVITE went back towards the caller.</summary>
    public void Responded(string callId, int statusCode)
    {
        if (!_calls.TryGetValue(callId, out var tracked))
        {
            return;
        }

        // Loops rather than a helper taking a lambda: each lambda here would capture the call and the time, an
        // allocation per response relayed.
        var now = time.GetUtcNow();
        if (statusCode is 180 or 183 && !tracked.Alerted)
        {
            tracked.Alerted = true;
            foreach (var observer in _observers)
            {
                observer.OnAlerting(tracked.Call, now);
            }
        }
        else if (statusCode is >= 200 and < 300 && !tracked.Answered)
        {
            tracked.Answered = true;
            foreach (var observer in _observers)
            {
                observer.OnAnswered(tracked.Call, now);
            }
        }
        else if (statusCode >= 300 && _calls.TryRemove(callId, out _))
        {
            Ended(tracked, CallEnd.Rejected, now);
        }
    }

    public void Cancelled(string callId) => End(callId, CallEnd.Cancelled, onlyIfUnanswered: true);

    public void HungUp(string callId) => End(callId, CallEnd.Completed, onlyIfUnanswered: false);

    private void End(string callId, CallEnd end, bool onlyIfUnanswered)
    {
        if (_calls.TryGetValue(callId, out var tracked) && (!onlyIfUnanswered || !tracked.Answered) && _calls.TryRemove(callId, out _))
        {
            Ended(tracked, end, time.GetUtcNow());
        }
    }

    private void Ended(Tracked tracked, CallEnd end, DateTimeOffset now)
    {
        foreach (var observer in _observers)
        {
            observer.OnEnded(tracked.Call, end, now);
        }
    }

    /// <summary>At most once a minute, so that a large table is not walked on every call.</summary>
    private void ForgetStale()
    {
        // The time first, and the count once a minute: a concurrent dictionary's count takes every one of its locks.
        var now = time.GetUtcNow();
        if (now < _nextSweep)
        {
            return;
        }

        _nextSweep = now + TimeSpan.FromMinutes(1);
        if (_calls.Count < 10_000)
        {
            return;
        }
        var cutoff = now - Lifetime;
        foreach (var (id, tracked) in _calls)
        {
            if (tracked.Call.At < cutoff && _calls.TryRemove(id, out _))
            {
                Ended(tracked, CallEnd.Abandoned, now);
            }
        }
    }

    private sealed class Tracked(CallAttempt call)
    {
        public CallAttempt Call { get; } = call;

        public bool Alerted { get; set; }

        public bool Answered { get; set; }
    }
}
