using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Conformance.Reporting.Bundle;

/// <summary>
/// The target file as it may travel in a bundle: values of keys that look like secrets, and passwords in URLs,
/// are replaced by "[redacted]". Keys that name an environment variable (…Env, …Variable) hold no secret and stay.
/// </summary>
public static partial class TargetRedaction
{
    public const string Redacted = "[redacted]";

    public static JsonElement Redact(string targetJson)
    {
        var node = JsonNode.Parse(targetJson, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })
            ?? throw new FormatException("The target file is empty.");
        Walk(node);
        return JsonSerializer.SerializeToElement(node);
    }

    private static void Walk(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj.ToList())
                {
                    if (value is JsonValue v && v.TryGetValue<string>(out var text))
                    {
                        if (IsSecretKey(key))
                        {
                            obj[key] = Redacted;
                        }
                        else if (UserInfo().IsMatch(text))
                        {
                            obj[key] = UserInfo().Replace(text, "$1" + Redacted + "@");
                        }
                    }
                    else if (value is not null)
                    {
                        Walk(value);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array.OfType<JsonNode>())
                {
                    Walk(item);
                }

                break;
        }
    }

    private static bool IsSecretKey(string key) =>
        SecretKey().IsMatch(key) && !key.EndsWith("Env", StringComparison.Ordinal) && !key.EndsWith("Variable", StringComparison.Ordinal);

    [GeneratedRegex("password|passwd|secret|token|apikey|api_key|credential|authorization|privatekey|bearer", RegexOptions.IgnoreCase)]
    private static partial Regex SecretKey();

    [GeneratedRegex("^([a-z][a-z0-9+.-]*://)[^/@\\s]+@", RegexOptions.IgnoreCase)]
    private static partial Regex UserInfo();
}
