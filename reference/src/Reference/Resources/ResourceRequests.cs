namespace Reference.Resources;

/// <summary>Bodies of the resources endpoints (spec/api/openapi.yaml); every field nullable so that a missing one is named, not thrown on.</summary>
public static class ResourceRequests
{
    public sealed record QualificationRequest(string? Enterprise, string? BusinessScope, string? ConnectsTo, string? Use, DateTimeOffset? ValidUntil);

    public sealed record BlockRequest(string? First, string? Last);

    public sealed record AllocationRequest(string? Number, BlockRequest? Block, string? Holder, string? Trunk, DateTimeOffset? Since);

    public sealed record ListingRequest(string? Enterprise, string? Reason);

    public sealed record SuspensionRequest(string? Reason);
}
