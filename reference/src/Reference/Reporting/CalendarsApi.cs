using System.Globalization;
using System.Text.Json;
using Reference.Access;
using Reference.Provisioning;

namespace Reference.Reporting;

/// <summary>
/// The holiday calendar, one year at a time (GET and PUT /v1/reporting/calendars/{year}), and the routing table
/// (GET /v1/reporting/routes): the data the deadlines and the routing of tickets are reckoned from.
/// </summary>
public static class CalendarsApi
{
    public static IEndpointRouteBuilder MapCalendarsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v1/reporting/calendars/{year}", (string year, HolidayCalendars calendars) =>
        {
            var errors = new FieldErrors();
            if (Year(errors, year) is not { } y)
            {
                return errors.Problem();
            }

            return calendars.Current.Years.TryGetValue(y, out var known)
                ? Results.Ok(known.ToJson())
                : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No calendar for this year",
                    detail: $"The node holds no holiday calendar of {y}: Monday to Friday are its working days until one is set (PUT /v1/reporting/calendars/{y}).");
        }).RequireRoles(Role.Regulator, Role.CarrierOperator);

        routes.MapPut("/v1/reporting/calendars/{year}", (string year, JsonElement? body, HolidayCalendars calendars) =>
        {
            var errors = new FieldErrors();
            var y = Year(errors, year);
            if (body is not { ValueKind: JsonValueKind.Object } json)
            {
                errors.Add("body", "must be an object with holidays and workdays, each an array of {\"date\": \"YYYY-MM-DD\", \"name\": \"…\"}");
                return errors.Problem();
            }

            foreach (var field in new[] { "holidays", "workdays" }.Where(f => !json.TryGetProperty(f, out _)))
            {
                errors.Add(field, "is required: an array of days (it may be empty)");
            }

            if (errors.Any || CalendarYear.Parse(json, y!.Value, errors) is not { } parsed)
            {
                return errors.Problem();
            }

            calendars.Replace(parsed);
            return Results.Ok(parsed.ToJson());
        }).RequireRoles(Role.CarrierOperator);

        routes.MapGet("/v1/reporting/routes", (DepartmentRoutes table) => Results.Ok(new
        {
            @default = table.Default,
            departments = table.Departments,
            routes = table.Routes,
        })).RequireRoles(Role.Regulator, Role.CarrierOperator);
        return routes;
    }

    private static int? Year(FieldErrors errors, string text)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= 1949 and <= 9999)
        {
            return year;
        }

        errors.Add("year", $"'{(text.Length > 16 ? text[..16] + "…" : text)}' is not a year from 1949 to 9999");
        return null;
    }
}
