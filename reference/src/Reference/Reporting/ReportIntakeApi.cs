using System.Text;
using System.Text.Json;
using Labelling;
using Reference.Access;
using Reference.LabelService;
using Reference.Provisioning;
using static Reference.LabelService.LabellingRequests;

namespace Reference.Reporting;

/// <summary>
/// POST /v1/reports: a user's report of a number from any channel (phone, web, app), counted towards the number's
/// label once per verified reporter (LAB-THR-002) and answered 201 with its ticket (REP-TKT-001): a new one, or the
/// reporter's open ticket on the same number (REP-DUP-001). An Idempotency-Key makes a retry safe (REP-IDM-001).
/// </summary>
public static class ReportIntakeApi
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IEndpointRouteBuilder MapReportIntakeApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v1/reports", async (ReportRequest? body, LabelBook book, TicketDesk desk, IdempotencyKeys keys, TimeProvider time, ApiCaller caller, ReportRateLimiter limiter, HttpContext context) =>
        {
            var errors = new FieldErrors();
            var number = errors.DomesticNumber("number", body?.Number);
            var category = Category(errors, body?.Category);
            var reporter = ReporterOf(errors, caller, body?.Reporter);
            var channel = errors.Required("channel", body?.Channel);
            var text = body?.Text ?? string.Empty;
            if (text.Length > book.Parameters.MaxTextLength && !desk.Options.Disabled(ReportingOptions.TextLimitMutant))
            {
                errors.Add("text", $"is {text.Length} characters long; at most {book.Parameters.MaxTextLength} are accepted, shorten it");
            }

            string? key = null;
            if (context.Request.Headers.TryGetValue(IdempotencyKeys.Header, out var header) && !desk.Options.Disabled(ReportingOptions.IdempotencyMutant))
            {
                (key, var problem) = IdempotencyKeys.Parse(header.ToString());
                if (problem is not null)
                {
                    errors.Add(IdempotencyKeys.Header, problem);
                }
            }

            if (errors.Any)
            {
                return errors.Problem();
            }

            var now = time.GetUtcNow();
            if (key is null)
            {
                return await Take(number!, category!.Value, reporter!, channel!, text, null);
            }

            var scope = "key:" + (caller.Account.Length > 0 ? caller.Account : caller.KeyId);
            if (!keys.TryClaim(scope, key))
            {
                return FieldErrors.Single(IdempotencyKeys.Header, "a request with this key is being answered now; retry once it has been", StatusCodes.Status409Conflict);
            }

            try
            {
                var fingerprint = IdempotencyKeys.Fingerprint(number!, category!.Value.Code(), reporter!, channel!, text);
                if (await desk.Store.IdempotentAsync(scope, key, now - IdempotencyKeys.Kept) is { } earlier)
                {
                    return earlier.Fingerprint == fingerprint
                        ? Answer(context, earlier.TicketId, earlier.Response)
                        : FieldErrors.Single(IdempotencyKeys.Header, $"was used for another report (ticket {earlier.TicketId}); a new report needs a new key", StatusCodes.Status422UnprocessableEntity);
                }

                return await Take(number!, category.Value, reporter!, channel!, text, new IdempotencyRecord(scope, key, fingerprint, now));
            }
            finally
            {
                keys.Release(scope, key);
            }

            async Task<IResult> Take(string number, LabelCategory category, string reporter, string channel, string text, IdempotencyRecord? idempotency)
            {
                if (!caller.Has(Role.CarrierOperator) && limiter.Take(reporter, context.Connection.RemoteIpAddress?.ToString() ?? "unknown") is { } refused)
                {
                    return TooManyReports(context, refused.RetryAfter, refused.Limit, limiter.Limits);
                }

                // The report, its ticket and the answer kept for the key in one transaction: one commit, and none of them
                // kept without the others. The request's thread is free while the commit is made.
                var report = new NumberReport(number, category, reporter, channel, text, now);
                var draft = desk.Draft(number, category, channel, reporter, text, now);
                var (ticket, duplicate, reported) = await desk.OpenWithAsync(draft, idempotency, () => book.ReportAsync(report),
                    (t, d, r) => Body(t, d, r.Outcome, r.Label));
                return Answer(context, ticket.Id, Body(ticket, duplicate, reported.Outcome, reported.Label));
            }
        }).RequireRoles(Role.CarrierOperator, Role.PublicReporter);
        return routes;
    }

    private static string Body(Ticket ticket, bool duplicate, ReportOutcome outcome, Label? label) => JsonSerializer.Serialize(new
    {
        ticket = ticket.Id,
        duplicate,
        counted = outcome == ReportOutcome.Counted,
        label = label is null ? null : LabelJson.Of(label),
    }, Json);

    /// <summary>
    /// Who counts as the reporter: a public reporter's key is its account, whatever the body says; a carrier's intake
    /// names its verified subscriber, by phone number (the same number counts once whichever intake sent it) or by
    /// the intake's own account id, kept apart from every other intake's.
    /// </summary>
    public static string? ReporterOf(FieldErrors errors, ApiCaller caller, string? named)
    {
        if (!caller.Has(Role.CarrierOperator))
        {
            return ReporterOf(caller);
        }

        if (errors.Required("reporter", named) is not { } text)
        {
            return null;
        }

        var check = Screening.Numbering.NumberingPlan.Check(text);
        return check.IsValid ? "number:" + check.National : $"intake:{(caller.Account.Length > 0 ? caller.Account : caller.KeyId)}:{text}";
    }

    /// <summary>The reporter a public reporter's key speaks for (what its tickets are filed under).</summary>
    public static string ReporterOf(ApiCaller caller) => ReportRateLimiter.PublicReporterPrefix + (caller.Account.Length > 0 ? caller.Account : caller.KeyId);

    private static IResult Answer(HttpContext context, string ticket, string json)
    {
        context.Response.Headers.Location = Locations.Of("/v1/tickets", ticket);
        return Results.Content(json, "application/json", Encoding.UTF8, StatusCodes.Status201Created);
    }

    private static IResult TooManyReports(HttpContext context, TimeSpan retryAfter, string limit, ReportLimits limits)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var (field, most) = limit == "reporter" ? ("reporter", limits.PerReporter) : ("source address", limits.PerAddress);
        return Results.Problem(
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many reports; this one was not taken.",
            detail: $"A {field} may submit {most} reports per {limits.Window.TotalSeconds:0} s; retry after {seconds} s.");
    }

    private static LabelCategory? Category(FieldErrors errors, string? value)
    {
        if (errors.Required("category", value) is not { } text)
        {
            return null;
        }

        if (LabelCategories.TryParse(text, out var category))
        {
            return category;
        }

        errors.Add("category", $"'{text}' is not a label category; use one of {string.Join(", ", LabelCategories.Codes)}");
        return null;
    }
}
