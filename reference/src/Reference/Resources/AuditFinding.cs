namespace Reference.Resources;

/// <summary>A call a trunk carried presenting a calling number outside its allocations at the time: the call record is the evidence.</summary>
public sealed record AuditFinding(DateTimeOffset At, string Calling, string Called, string? OrigId, string CallId, string Decision, string Reason);
