using global::Labelling;
using Reference.Access;
using Reference.Labelling;
using Reference.Provisioning;
using static Reference.Labelling.LabellingRequests;

namespace Reference.Apis;

/// <summary>Report intake, label lookup for apps, carrier-analytics flags and enterprise self-declaration.</summary>
public static class LabelsApi
{
    public static IEndpointRouteBuilder MapLabelsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v1/reports", (ReportRequest? body, LabelBook book, TimeProvider time, ApiCaller caller, ReportRateLimiter limiter, HttpContext context) =>
        {
            var errors = new FieldErrors();
            var number = errors.DomesticNumber("number", body?.Number);
            var category = Category(errors, "category", body?.Category);
            var reporter = Reporter(errors, caller, body?.Reporter);
            var channel = errors.Required("channel", body?.Channel);
            var text = body?.Text ?? string.Empty;
            if (text.Length > book.Parameters.MaxTextLength)
            {
                errors.Add("text", $"is {text.Length} characters long; at most {book.Parameters.MaxTextLength} are accepted, shorten it");
            }

            if (errors.Any)
            {
                return errors.Problem();
            }

            if (!caller.Has(Role.CarrierOperator) && limiter.Take(reporter!, context.Connection.RemoteIpAddress?.ToString() ?? "unknown") is { } refused)
            {
                return TooManyReports(context, refused.RetryAfter, refused.Limit, limiter.Limits);
            }

            var now = time.GetUtcNow();
            var outcome = book.Report(new NumberReport(number!, category!.Value, reporter!, channel!, text, now));
            var label = book.Lookup(number!, now);
            return Results.Created(Locations.Of("/v1/labels", number!), new
            {
                counted = outcome == ReportOutcome.Counted,
                label = label is null ? null : LabelJson.Of(label),
            });
        }).RequireRoles(Role.CarrierOperator, Role.PublicReporter);

        routes.MapGet("/v1/labels/{number}", (string number, LabelBook book, TimeProvider time) =>
        {
            var errors = new FieldErrors();
            var national = errors.DomesticNumber("number", number);
            if (errors.Any)
            {
                return errors.Problem();
            }

            return book.Lookup(national!, time.GetUtcNow()) is { } label
                ? Results.Ok(LabelJson.Of(label))
                : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No label", detail: $"{national} carries no label.");
        }).RequireRoles(Role.Regulator, Role.CarrierOperator, Role.AppealDesk, Role.Enterprise, Role.PublicReporter);

        routes.MapPost("/v1/labels/analytics", (AnalyticsRequest? body, LabelBook book, TimeProvider time) =>
        {
            var errors = new FieldErrors();
            var number = errors.DomesticNumber("number", body?.Number);
            var category = Category(errors, "category", body?.Category);
            if (errors.Any)
            {
                return errors.Problem();
            }

            var now = time.GetUtcNow();
            book.Flag(number!, category!.Value, now);
            return Results.Created(Locations.Of("/v1/labels", number!), LabelJson.Of(book.Lookup(number!, now)!));
        }).RequireRoles(Role.CarrierOperator);

        routes.MapPost("/v1/labels/declarations", (DeclarationRequest? body, LabelBook book, TimeProvider time, ApiCaller caller) =>
        {
            var errors = new FieldErrors();
            var enterprise = errors.Required("enterprise", body?.Enterprise);
            if (enterprise is not null && !caller.Has(Role.CarrierOperator) && !string.Equals(enterprise, caller.Account, StringComparison.Ordinal))
            {
                return FieldErrors.Single("enterprise", $"'{enterprise}' is not the enterprise this key was issued for; an enterprise declares only its own numbers", StatusCodes.Status403Forbidden);
            }

            var category = Category(errors, "category", body?.Category);
            if (category is { } c && !c.IsBenign())
            {
                errors.Add("category", $"{c.Code()} cannot be self-declared; an enterprise declares only benign categories ({string.Join(", ", LabelCategories.All.Where(x => x.IsBenign()).Select(x => x.Code()))})");
            }

            var numbers = body?.Numbers is { Count: > 0 } listed
                ? listed.Select((n, i) => errors.DomesticNumber($"numbers[{i}]", n)).ToList()
                : [];
            if (numbers.Count == 0)
            {
                errors.Add("numbers", "is required: a non-empty array of the enterprise's national numbers");
            }

            if (errors.Any)
            {
                return errors.Problem();
            }

            var now = time.GetUtcNow();
            book.Declare(numbers.Select(n => n!).ToList(), category!.Value, enterprise!, now);

            return Results.Created("/v1/labels/declarations", new { declared = numbers.Count });
        }).RequireRoles(Role.CarrierOperator, Role.Enterprise);
        return routes;
    }

    /// <summary>
    /// Who counts as the reporter: a public reporter's key is its account, whatever the body says; a carrier's intake
    /// names its verified subscriber, by phone number (the same number counts once whichever intake sent it) or by
    /// the intake's own account id, kept apart from every other intake's.
    /// </summary>
    private static string? Reporter(FieldErrors errors, ApiCaller caller, string? named)
    {
        if (!caller.Has(Role.CarrierOperator))
        {
            return "account:" + (caller.Account.Length > 0 ? caller.Account : caller.KeyId);
        }

        if (errors.Required("reporter", named) is not { } text)
        {
            return null;
        }

        var check = Screening.Numbering.NumberingPlan.Check(text);
        return check.IsValid ? "number:" + check.National : $"intake:{(caller.Account.Length > 0 ? caller.Account : caller.KeyId)}:{text}";
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

    private static LabelCategory? Category(FieldErrors errors, string field, string? value)
    {
        if (errors.Required(field, value) is not { } text)
        {
            return null;
        }

        if (LabelCategories.TryParse(text, out var category))
        {
            return category;
        }

        errors.Add(field, $"'{text}' is not a label category; use one of {string.Join(", ", LabelCategories.Codes)}");
        return null;
    }
}
