using System.Text.Json;

namespace Conformance.Harness.Push;

/// <summary>One POST that reached the push sink, with what the sink answered (a scripted failure or 204).</summary>
public sealed record ReceivedPush(DateTimeOffset ArrivedAt, string ContentType, string Body, int AnsweredStatus)
{
    /// <summary>The body as JSON; null when it is not JSON at all.</summary>
    public JsonElement? Json
    {
        get
        {
            try
            {
                using var doc = JsonDocument.Parse(Body);
                return doc.RootElement.Clone();
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }

    /// <summary>A string property of the JSON body, or null.</summary>
    public string? Field(string name) =>
        Json is { ValueKind: JsonValueKind.Object } root && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
