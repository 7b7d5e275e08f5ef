namespace Labelling;

/// <summary>
/// What a report comes to: how it counts, and the number's label once it has counted (as of the report's time). Known
/// before the report is written, so that a record kept in the same write (the answer to an idempotency key) can say so.
/// </summary>
public sealed record ReportResult(ReportOutcome Outcome, Label? Label);
