using System.Text.Json;

namespace Conformance.Harness.Tickets;

/// <summary>A report as POST /v1/reports takes it; <see cref="Reporter"/> is null when a public reporter's key sends it.</summary>
public sealed record ReportBody(string Number, string Category, string? Reporter, string Channel, string Text)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    public string ToJson() => JsonSerializer.Serialize(new { number = Number, category = Category, reporter = Reporter, channel = Channel, text = Text }, Json);
}
