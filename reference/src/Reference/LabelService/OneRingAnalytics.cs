using Labelling;
using Screening;
using Screening.Rules;

namespace Reference.LabelService;

/// <summary>
/// Carrier analytics as a label source: a caller the one-ring rule intercepts is flagged as harassment, so apps
/// looking the number up see it too (source carrier-analytics). The flag is written without holding the call: the
/// signalling thread starts the write and goes on, and the flag shows once the store has kept it. A flag the store
/// cannot keep is not set, and the call goes on: the caller is flagged at its next intercepted one-ring call, once the
/// store takes writes again.
/// </summary>
public sealed class OneRingAnalytics(LabelBook book) : ICallObserver
{
    public void OnScreened(CallAttempt call, ScreeningDecision decision)
    {
        if (decision.IsIntercepted && decision.RuleId == RuleIds.OneRing)
        {
            var flagging = book.FlagAsync(call.Caller.National, LabelCategory.Harassment, call.At);
            if (!flagging.IsCompletedSuccessfully)
            {
                // Signalling never fails for want of a label, and a refused write is seen here, not left unobserved.
                flagging.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
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
}
