using System.Globalization;
using Reference.Access;
using Reference.Provisioning;

namespace Reference.Traceback;

/// <summary>
/// GET /v1/traceback/calls: the records of screened calls by callee and time window, by calling number or by origid,
/// each with its originating trunk and enterprise (spec/api/openapi.yaml, TracebackCall). Only the regulator and
/// the carrier's operator may ask (TRC-ACL-001).
/// </summary>
public static class TracebackApi
{
    public const int DefaultLimit = 1000;

    public const int MaxLimit = 10_000;

    public static readonly TimeSpan LongestCalleeWindow = TimeSpan.FromDays(31);

    private const int LongestValue = 64;

    public static IEndpointRouteBuilder MapTracebackApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v1/traceback/calls", async (HttpRequest request, IServiceProvider services, CancellationToken cancellationToken) =>
        {
            var (query, errors) = Parse(request.Query);
            if (query is null)
            {
                return errors.Problem();
            }

            if (services.GetService<CallRecordSearch>() is not { } search)
            {
                return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Call records are off",
                    detail: "This node keeps no call records: start it with CallRecords:Enabled=true and a durable store (Storage:Sqlite or Storage:PostgreSql).");
            }

            var found = await search.FindAsync(query, cancellationToken);
            return Results.Ok(new
            {
                calls = found.Select(c => new
                {
                    at = c.At,
                    realm = c.Realm,
                    trunk = c.Trunk,
                    enterprise = c.Enterprise,
                    calling = c.Calling,
                    called = c.Called,
                    origid = c.OrigId,
                    callId = c.CallId,
                    decision = c.Decision,
                    reason = c.Reason,
                }),
            });
        }).RequireRoles(routes.ServiceProvider.GetService<TracebackOptions>()?.Readers ?? [Role.Regulator, Role.CarrierOperator]);
        return routes;
    }

    /// <summary>The query, or null with every bad parameter named.</summary>
    public static (TracebackQuery? Query, FieldErrors Errors) Parse(IQueryCollection parameters)
    {
        var errors = new FieldErrors();
        var keys = new[] { ("callee", "called"), ("caller", "calling"), ("origid", "origid") }
            .Where(k => parameters.ContainsKey(k.Item1)).ToList();
        if (keys.Count != 1)
        {
            errors.Add(keys.Count == 0 ? "callee" : keys[1].Item1, "give exactly one of callee (with from and to), caller or origid");
            return (null, errors);
        }

        var (name, column) = keys[0];
        var value = errors.Required(name, parameters[name].ToString(), LongestValue);
        var from = Instant(errors, "from", parameters, name == "callee");
        var to = Instant(errors, "to", parameters, name == "callee");
        var limit = DefaultLimit;
        if (parameters.TryGetValue("limit", out var limitText)
            && !(int.TryParse(limitText.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out limit) && limit is >= 1 and <= MaxLimit))
        {
            errors.Add("limit", $"must be a whole number from 1 to {MaxLimit}");
        }

        if (from is { } f && to is { } t)
        {
            if (f >= t)
            {
                errors.Add("to", "must be after from");
            }
            else if (name == "callee" && t - f > LongestCalleeWindow)
            {
                errors.Add("to", $"the window of a query by callee is at most {LongestCalleeWindow.TotalDays} days");
            }
        }

        return errors.Any || value is null
            ? (null, errors)
            : (new TracebackQuery(column, value, from ?? DateTimeOffset.UnixEpoch, to ?? DateTimeOffset.MaxValue.AddYears(-1), limit), errors);
    }

    private static DateTimeOffset? Instant(FieldErrors errors, string name, IQueryCollection parameters, bool required)
    {
        if (!parameters.TryGetValue(name, out var text))
        {
            if (required)
            {
                errors.Add(name, "is required with callee (a date-time such as 2026-01-02T08:00:00Z)");
            }

            return null;
        }

        if (DateTimeOffset.TryParse(text.ToString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            && at.Year is >= 1970 and <= 9000)
        {
            return at;
        }

        errors.Add(name, "must be a date-time such as 2026-01-02T08:00:00Z, between 1970 and 9000");
        return null;
    }
}
