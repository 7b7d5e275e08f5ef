using System.Globalization;

namespace Conformance.Harness.Management;

/// <summary>One traceback query of GET /v1/traceback/calls: by callee and time window, by calling number, or by origid.</summary>
public sealed record TracebackQuery(string Key, string Value, DateTimeOffset? From = null, DateTimeOffset? To = null)
{
    public static TracebackQuery ByCallee(string callee, DateTimeOffset from, DateTimeOffset to) => new("callee", callee, from, to);

    public static TracebackQuery ByCaller(string caller) => new("caller", caller);

    public static TracebackQuery ByOrigId(string origId) => new("origid", origId);

    public string PathAndQuery
    {
        get
        {
            var query = $"/v1/traceback/calls?{Key}={Uri.EscapeDataString(Value)}";
            if (From is { } from)
            {
                query += "&from=" + Uri.EscapeDataString(from.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
            }

            if (To is { } to)
            {
                query += "&to=" + Uri.EscapeDataString(to.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
            }

            return query;
        }
    }
}
