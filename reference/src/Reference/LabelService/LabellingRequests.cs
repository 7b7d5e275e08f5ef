namespace Reference.LabelService;

/// <summary>The JSON bodies of the labelling and appeal endpoints (spec/api/openapi.yaml).</summary>
public static class LabellingRequests
{
    public sealed record ReportRequest(string? Number, string? Category, string? Reporter, string? Channel, string? Text);

    public sealed record AnalyticsRequest(string? Number, string? Category);

    public sealed record DeclarationRequest(string? Enterprise, string? Category, IReadOnlyList<string?>? Numbers);

    public sealed record AppealRequest(string? Number, string? Holder, string? Reason, string? Text);

    public sealed record DecisionRequest(bool? Clear, string? Why);

}
