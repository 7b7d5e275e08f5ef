using System.Text.Json;

namespace Conformance.Harness.Management;

/// <summary>One call record as a traceback query answers it (spec/api/openapi.yaml, schema TracebackCall).</summary>
public sealed record TracebackCall(
    DateTimeOffset At,
    string Realm,
    string? Trunk,
    string? Enterprise,
    string Calling,
    string Called,
    string? OrigId,
    string CallId,
    string Decision,
    string Reason)
{
    /// <summary>The calls of an answer's "calls" array; a field missing or of the wrong type throws, naming it.</summary>
    public static IReadOnlyList<TracebackCall> ListFrom(JsonDocument answer)
    {
        if (!answer.RootElement.TryGetProperty("calls", out var calls) || calls.ValueKind != JsonValueKind.Array)
        {
            throw new ManagementException($"a traceback answer has no \"calls\" array: {answer.RootElement.GetRawText()}");
        }

        return calls.EnumerateArray().Select(From).ToList();
    }

    private static TracebackCall From(JsonElement e)
    {
        string? Text(string name, bool required)
        {
            if (e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String)
            {
                return v.GetString();
            }

            return required || (e.TryGetProperty(name, out var n) && n.ValueKind != JsonValueKind.Null)
                ? throw new ManagementException($"a traceback record lacks the string \"{name}\": {e.GetRawText()}")
                : null;
        }

        var at = Text("at", true)!;
        if (!DateTimeOffset.TryParse(at, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var when))
        {
            throw new ManagementException($"a traceback record's \"at\" is not a date-time: {at}");
        }

        return new TracebackCall(
            when, Text("realm", true)!, Text("trunk", false), Text("enterprise", false), Text("calling", true)!, Text("called", true)!,
            Text("origid", false), Text("callId", true)!, Text("decision", true)!, Text("reason", true)!);
    }
}
