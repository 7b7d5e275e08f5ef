namespace Conformance.Reporting;

/// <summary>One executed step of a scenario: its keyword and text as written, and how it ended (passed, failed, pending, undefined, skipped).</summary>
public sealed record StepOutcome(string Keyword, string Text, string Status, double DurationMs, string? Error);
