using Labelling;
using Reference.Storage;
using Screening;
using Screening.Rules;

namespace Reference.LabelService;

/// <summary>
/// Carrier analytics as a label source: a caller the one-ring rule intercepts is flagged as harassment, so apps
/// looking the number up see it too (source carrier-analytics). A flag the store cannot keep is not set, and the
/// call goes on: the caller is flagged at its next intercepted one-ring call, once the store takes writes again.
/// </summary>
public sealed class OneRingAnalytics(LabelBook book) : ICallObserver
{
    public void OnScreened(CallAttempt call, ScreeningDecision decision)
    {
        if (decision.IsIntercepted && decision.RuleId == RuleIds.OneRing)
        {
            try
            {
                book.Flag(call.Caller.National, LabelCategory.Harassment, call.At);
            }
            catch (StorageException)
            {
                // Signalling never fails for want of a label; the flag is written at the caller's next one-ring call.
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
