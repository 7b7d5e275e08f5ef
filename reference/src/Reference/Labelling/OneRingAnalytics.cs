using global::Labelling;
using Screening;
using Screening.Rules;

namespace Reference.Labelling;

/// <summary>
/// Carrier analytics as a label source: a caller the one-ring rule intercepts is flagged as harassment, so apps
/// looking the number up see it too (source carrier-analytics).
/// </summary>
public sealed class OneRingAnalytics(LabelBook book) : ICallObserver
{
    public void OnScreened(CallAttempt call, ScreeningDecision decision)
    {
        if (decision.IsIntercepted && decision.RuleId == RuleIds.OneRing)
        {
            book.Flag(call.Caller.National, LabelCategory.Harassment, call.At);
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
