namespace Screening;

/// <summary>One rule of the requirements. Returns a decision to stop the pipeline, or null to let the call pass on.</summary>
public interface IScreeningRule
{
    /// <summary>Stable id used in configuration (to switch a rule off for a mutant run) and in records.</summary>
    string Id { get; }

    ScreeningDecision? Evaluate(CallAttempt call);
}
