using System.Text.Json;

namespace Conformance.Harness.Labelling;

/// <summary>An answer of the management API: status, media type and body (parsed when it is JSON).</summary>
public sealed record ApiAnswer(int Status, string ContentType, string Body)
{
    public JsonElement Json
    {
        get
        {
            try
            {
                using var doc = JsonDocument.Parse(Body.Length == 0 ? "{}" : Body);
                return doc.RootElement.Clone();
            }
            catch (JsonException)
            {
                return default;
            }
        }
    }

    public string? Field(string name) =>
        Json is { ValueKind: JsonValueKind.Object } root && root.TryGetProperty(name, out var value)
            ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.ToString()
            : null;
}
