namespace Screening;

/// <summary>
/// Follows calls through their life on the node: counters for rate rules (one-ring, bombing), records for
/// traceback and warnings observe calls here, without knowing SIP. Observers must be fast and must not throw.
/// </summary>
public interface ICallObserver
{
    /// <summary>Every screening decision, admitted or intercepted.</summary>
    void OnScreened(CallAttempt call, ScreeningDecision decision);

    /// <summary>The first 180/183 of an admitted call, at <paramref name="at"/>.</summary>
    void OnAlerting(CallAttempt call, DateTimeOffset at);

    /// <summary>The 2xx of an admitted call.</summary>
    void OnAnswered(CallAttempt call, DateTimeOffset at);

    /// <summary>The call ended, or (<see cref="CallEnd.Abandoned"/>) the node stopped following it without seeing its end.</summary>
    void OnEnded(CallAttempt call, CallEnd end, DateTimeOffset at);
}
