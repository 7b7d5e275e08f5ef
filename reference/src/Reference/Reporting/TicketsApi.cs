using System.Globalization;
using Reference.Access;
using Reference.Provisioning;

namespace Reference.Reporting;

/// <summary>
/// Tickets of reports: one by id, a list by number, the overdue list, and the steps forwarded → answered → notified.
/// A public reporter sees only the tickets of its own reports: another's is answered 404, as an unknown id is, so a
/// key learns nothing of tickets that are not its own (REP-ACL-001). Only the carrier's operator records steps (REP-ACL-002).
/// </summary>
public static class TicketsApi
{
    public const int DefaultLimit = 100;

    public const int MaxLimit = 1000;

    public const int LongestAnswer = 2000;

    public static IEndpointRouteBuilder MapTicketsApi(this IEndpointRouteBuilder routes)
    {
        var options = routes.ServiceProvider.GetRequiredService<ReportingOptions>();

        routes.MapGet("/v1/tickets", (HttpRequest request, TicketDesk desk, TimeProvider time, ApiCaller caller) =>
        {
            var errors = new FieldErrors();
            var number = request.Query.ContainsKey("number") ? errors.DomesticNumber("number", request.Query["number"].ToString()) : null;
            var limit = Limit(errors, request);
            if (errors.Any)
            {
                return errors.Problem();
            }

            var reporter = Restricted(caller, desk.Options) ? ReportIntakeApi.ReporterOf(caller) : null;
            var now = time.GetUtcNow();
            return Results.Ok(new { tickets = desk.Store.List(number, reporter, limit).Select(t => TicketJson.Of(t, desk.Routes, now, caller.Has(Role.CarrierOperator))) });
        }).RequireRoles(Role.Regulator, Role.CarrierOperator, Role.PublicReporter);

        routes.MapGet("/v1/tickets/overdue", (HttpRequest request, TicketDesk desk, TimeProvider time, ApiCaller caller) =>
        {
            var errors = new FieldErrors();
            var number = request.Query.ContainsKey("number") ? errors.DomesticNumber("number", request.Query["number"].ToString()) : null;
            var limit = Limit(errors, request);
            if (errors.Any)
            {
                return errors.Problem();
            }

            var now = time.GetUtcNow();
            return Results.Ok(new { tickets = desk.Overdue(now, number, limit).Select(t => TicketJson.Of(t, desk.Routes, now, caller.Has(Role.CarrierOperator))) });
        }).RequireRoles(Role.Regulator, Role.CarrierOperator);

        routes.MapGet("/v1/tickets/{id}", (string id, TicketDesk desk, TimeProvider time, ApiCaller caller) =>
            Visible(desk, caller, id) is { } ticket
                ? Results.Ok(TicketJson.Of(ticket, desk.Routes, time.GetUtcNow(), caller.Has(Role.CarrierOperator)))
                : NoTicket(id)).RequireRoles(Role.Regulator, Role.CarrierOperator, Role.PublicReporter);

        foreach (var step in new[] { "forwarded", "answered", "notified" })
        {
            routes.MapPost("/v1/tickets/{id}/" + step, async (string id, HttpRequest request, TicketDesk desk, TimeProvider time, ApiCaller caller) =>
            {
                if (Visible(desk, caller, id) is not { } ticket)
                {
                    return NoTicket(id);
                }

                string? answer = null;
                if (step == "answered")
                {
                    var errors = new FieldErrors();
                    var body = request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0
                        ? await request.ReadFromJsonAsync<AnswerRequest>()
                        : null;
                    answer = errors.Required("answer", body?.Answer, LongestAnswer);
                    if (errors.Any)
                    {
                        return errors.Problem();
                    }
                }

                var (updated, refusal) = desk.Step(ticket, step, answer, time.GetUtcNow());
                return updated is null
                    ? FieldErrors.Single("state", refusal!, StatusCodes.Status409Conflict)
                    : Results.Ok(TicketJson.Of(updated, desk.Routes, time.GetUtcNow(), caller.Has(Role.CarrierOperator)));
            }).RequireRoles(options.Stewards);
        }

        return routes;
    }

    /// <summary>The ticket if this caller may see it: a public reporter only its own (any under the owner mutant).</summary>
    private static Ticket? Visible(TicketDesk desk, ApiCaller caller, string id) =>
        id.Length > FieldErrors.MaxLength ? null
        : desk.Store.Find(id) is { } ticket && (!Restricted(caller, desk.Options) || ticket.Reporter == ReportIntakeApi.ReporterOf(caller)) ? ticket
        : null;

    private static bool Restricted(ApiCaller caller, ReportingOptions options) =>
        !caller.Has(Role.CarrierOperator) && !caller.Has(Role.Regulator) && !options.Disabled(ReportingOptions.OwnerMutant);

    private static IResult NoTicket(string id) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such ticket", detail: $"No ticket {id} that this key may see.");

    private static int Limit(FieldErrors errors, HttpRequest request)
    {
        var limit = DefaultLimit;
        if (request.Query.TryGetValue("limit", out var text)
            && !(int.TryParse(text.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out limit) && limit is >= 1 and <= MaxLimit))
        {
            errors.Add("limit", $"must be a whole number from 1 to {MaxLimit}");
        }

        return limit;
    }
}
