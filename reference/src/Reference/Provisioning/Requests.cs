namespace Reference.Provisioning;

/// <summary>Bodies of the management API, as spec/api/openapi.yaml describes them; every field nullable so that a missing one is named, not thrown on.</summary>
public static class Requests
{
    public sealed record EnterpriseRequest(string? Id, string? Name, string? Sector);

    public sealed record RangeRequest(string? First, string? Last, bool? InboundOnly);

    public sealed record TrunkRequest(string? Id, string? EnterpriseId, string? Realm, string? Source, IReadOnlyList<RangeRequest?>? Ranges);

    public sealed record ConsentRequest(string? EnterpriseId, string? Callee, string? Evidence, DateTimeOffset? RecordedAt);

    public sealed record RefusalRequest(string? Callee, string? EnterpriseId, string? Channel);

    public sealed record NumbersRequest(IReadOnlyList<string?>? Numbers);

    public sealed record ClockRequest(DateTimeOffset? Now);

    public sealed record AdvanceRequest(double? Seconds);
}
