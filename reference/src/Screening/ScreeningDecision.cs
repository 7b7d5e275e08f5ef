namespace Screening;

/// <summary>
/// The outcome of screening one call. <see cref="Reason"/> is a stable machine-readable code
/// (for records, the Reason header and the report); <see cref="RuleId"/> names the rule that decided.
/// </summary>
public sealed record ScreeningDecision(ScreeningAction Action, string Reason, string RuleId, string Text)
{
    public const string NoRule = "none";

    public static ScreeningDecision Forward { get; } = new(ScreeningAction.Forward, "admitted", NoRule, "no rule objected");

    public static ScreeningDecision Intercept(string ruleId, string reason, string text) =>
        new(ScreeningAction.Intercept, reason, ruleId, text);

    public bool IsIntercepted => Action == ScreeningAction.Intercept;

    /// <summary>
    /// Intercepted because the callee refused the call (a refusal per enterprise or global 谢绝来电), not because the
    /// network judged it: RFC 8197's 607 Unwanted speaks for the callee, so only these may be answered with it.
    /// </summary>
    public bool IsCalleeRefusal => IsIntercepted && (CalleeRefusal ?? RuleId == Rules.RuleIds.MarketingRefusal);

    /// <summary>Set only by the signalling mutants (<see cref="RuleMutants"/>), to mistake whose refusal this is.</summary>
    public bool? CalleeRefusal { get; init; }
}
