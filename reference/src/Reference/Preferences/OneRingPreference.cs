using Labelling;
using Reference.Storage;
using Screening;
using Screening.Rules;

namespace Reference.Preferences;

/// <summary>
/// The one-ring rule as a callee's preference sees it: a flagged caller's call to a callee who prefers labels is let
/// through, and the caller labelled harassment from carrier analytics, so the label reaches the callee on the
/// INVITE (LAB-SIG) and in lookups. The flag itself is still the one-ring rule's, which keeps counting as an observer.
/// </summary>
public sealed class OneRingPreference(IScreeningRule oneRing, CalleePreferences preferences, LabelBook book) : IScreeningRule
{
    public string Id => oneRing.Id;

    public ScreeningDecision? Evaluate(CallAttempt call)
    {
        var decision = oneRing.Evaluate(call);
        if (decision is { IsIntercepted: true } && preferences.PrefersLabels(call.Called.National))
        {
            try
            {
                book.Flag(call.Caller.National, LabelCategory.Harassment, call.At);
            }
            catch (StorageException)
            {
                // The call still reaches the callee as chosen; the flag is written at the caller's next one-ring call.
            }

            return null;
        }

        return decision;
    }

    /// <summary>Wraps the pipeline's one-ring rule, also after a reconfiguration; every other rule, and the order, unchanged.</summary>
    public static ScreeningPipeline Apply(ScreeningPipeline pipeline, CalleePreferences preferences, LabelBook book)
    {
        pipeline.Decorate(r => r.Id == RuleIds.OneRing ? new OneRingPreference(r, preferences, book) : r);
        return pipeline;
    }
}
