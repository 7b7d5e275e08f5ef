namespace Reference.Resources;

/// <summary>How the resources records look on the wire (spec/api/openapi.yaml: Qualification, ResourceAllocation, DisciplineEntry, TrunkSanction, AuditFinding).</summary>
public static class ResourceJson
{
    public static object Of(Qualification q, DateTimeOffset now) => new
    {
        enterprise = q.Enterprise,
        businessScope = q.BusinessScope,
        connectsTo = q.ConnectsTo,
        use = q.Use,
        validUntil = q.ValidUntil,
        recordedAt = q.RecordedAt,
        missing = q.Shortcomings(now).Select(s => s.Field["qualification.".Length..]),
    };

    public static object Of(ResourceAllocation a) => new
    {
        id = a.Id,
        kind = a.Kind == AllocationKind.Block ? "block" : "number",
        number = a.Kind == AllocationKind.Number ? a.First : null,
        block = a.Kind == AllocationKind.Block ? new { first = a.First, last = a.Last } : null,
        holder = a.Holder,
        trunk = a.Trunk,
        since = a.Since,
        until = a.Until,
        previousHolder = a.PreviousHolder,
    };

    public static object Of(DisciplineEntry e) => new { id = e.Id, enterprise = e.Enterprise, carrier = e.Carrier, reason = e.Reason, listedAt = e.ListedAt };

    public static object Of(TrunkSanction s) => new { id = s.Id, trunk = s.Trunk, reason = s.Reason, since = s.Since, imposedBy = s.ImposedBy, liftedAt = s.LiftedAt, inForce = s.InForce };

    public static object Of(AuditFinding f) => new { at = f.At, calling = f.Calling, called = f.Called, origid = f.OrigId, callId = f.CallId, decision = f.Decision, reason = f.Reason };
}
