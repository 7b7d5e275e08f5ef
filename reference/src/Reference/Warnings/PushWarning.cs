namespace Reference.Warnings;

/// <summary>
/// The JSON body of an app push (WARN-PUSH-001): kind "flash" (a labelled call alerting) or "interception",
/// the numbers, the label when there is one, the time, and the same text as the SMS.
/// </summary>
public sealed record PushWarning(
    string Kind,
    string Callee,
    string Caller,
    string? Category,
    string? CategoryName,
    string? Source,
    int? Count,
    DateTimeOffset At,
    string CallId,
    string Text);
