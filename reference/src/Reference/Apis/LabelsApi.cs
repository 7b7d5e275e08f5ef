using Labelling;
using Reference.Access;
using Reference.LabelService;
using Reference.Provisioning;
using static Reference.LabelService.LabellingRequests;

namespace Reference.Apis;

/// <summary>Label lookup for apps, carrier-analytics flags and enterprise self-declaration; report intake is Reporting.ReportIntakeApi.</summary>
public static class LabelsApi
{
    public static IEndpointRouteBuilder MapLabelsApi(this IEndpointRouteBuilder routes)
    {
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

        routes.MapPost("/v1/labels/analytics", async (AnalyticsRequest? body, LabelBook book, TimeProvider time) =>
        {
            var errors = new FieldErrors();
            var number = errors.DomesticNumber("number", body?.Number);
            var category = Category(errors, "category", body?.Category);
            if (errors.Any)
            {
                return errors.Problem();
            }

            var now = time.GetUtcNow();
            await book.FlagAsync(number!, category!.Value, now);
            return Results.Created(Locations.Of("/v1/labels", number!), LabelJson.Of(book.Lookup(number!, now)!));
        }).RequireRoles(Role.CarrierOperator);

        routes.MapPost("/v1/labels/declarations", async (DeclarationRequest? body, LabelBook book, TimeProvider time, ApiCaller caller) =>
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
            await book.DeclareAsync(numbers.Select(n => n!).ToList(), category!.Value, enterprise!, now);

            return Results.Created("/v1/labels/declarations", new { declared = numbers.Count });
        }).RequireRoles(Role.CarrierOperator, Role.Enterprise);
        return routes;
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
