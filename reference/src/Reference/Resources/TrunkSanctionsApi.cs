using System.Globalization;
using Reference.Access;
using Reference.Provisioning;
using Reference.Storage;
using static Reference.Resources.ResourceRequests;

namespace Reference.Resources;

/// <summary>
/// Contract sanctions and audits of a trunk (RES-SAN, RES-AUD): suspend it (its calls are intercepted from then on),
/// lift the suspension (its calls go through again), and audit its calls against its allocated blocks.
/// </summary>
public static class TrunkSanctionsApi
{
    public static readonly TimeSpan LongestAudit = TimeSpan.FromDays(31);

    public static IEndpointRouteBuilder MapTrunkSanctionsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPut("/v1/trunks/{id}/suspension", async (string id, SuspensionRequest? body, ResourceLedger ledger, InMemoryDirectory directory, TimeProvider time, ApiCaller caller) =>
        {
            if (directory.FindTrunk(id) is null)
            {
                return NotFound.Problem("trunk", id);
            }

            var errors = new FieldErrors();
            var reason = errors.Required("reason", body?.Reason, AllocationsApi.MaxText);
            return errors.Any ? errors.Problem() : Results.Ok(ResourceJson.Of(await ledger.SuspendAsync(id, reason!, caller, time.GetUtcNow())));
        }).RequireRoles(Role.CarrierOperator);

        routes.MapDelete("/v1/trunks/{id}/suspension", async (string id, ResourceLedger ledger, TimeProvider time) =>
            await ledger.LiftAsync(id, time.GetUtcNow()) is { } lifted
                ? Results.Ok(ResourceJson.Of(lifted))
                : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No suspension in force", detail: $"Trunk {id} is not suspended (or does not exist); nothing was lifted."))
            .RequireRoles(Role.CarrierOperator);

        routes.MapGet("/v1/trunks/{id}/suspension", (string id, ResourceLedger ledger) =>
            ledger.SanctionOf(id) is { } sanction
                ? Results.Ok(ResourceJson.Of(sanction))
                : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No suspension in force", detail: $"Trunk {id} is not suspended (or does not exist)."))
            .RequireRoles(Role.CarrierOperator, Role.Regulator);

        routes.MapGet("/v1/trunks/{id}/audit", async (string id, HttpRequest request, ResourceLedger ledger, InMemoryDirectory directory, TimeProvider time, IServiceProvider services, CancellationToken cancellationToken) =>
        {
            if (directory.FindTrunk(id) is not { } trunk)
            {
                return NotFound.Problem("trunk", id);
            }

            var errors = new FieldErrors();
            var now = time.GetUtcNow();
            var to = Instant(errors, "to", request.Query) ?? now;
            var from = Instant(errors, "from", request.Query) ?? to - LongestAudit;
            if (!errors.Any && from >= to)
            {
                errors.Add("to", "must be after from");
            }
            else if (!errors.Any && to - from > LongestAudit)
            {
                errors.Add("from", $"an audit covers at most {LongestAudit.TotalDays} days");
            }

            if (errors.Any)
            {
                return errors.Problem();
            }

            if (services.GetService<TrunkAudit>() is not { } audit)
            {
                return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Call records are off",
                    detail: "An audit reads the call records, and this node keeps none: start it with CallRecords:Enabled=true and a durable store (Storage:Sqlite or Storage:PostgreSql).");
            }

            var findings = await audit.FindAsync(id, from, to, cancellationToken);
            return Results.Ok(new
            {
                trunk = id,
                enterprise = trunk.EnterpriseId,
                from,
                to,
                blocks = ledger.BlocksOf(id).Select(ResourceJson.Of),
                findings = findings.Select(ResourceJson.Of),
            });
        }).RequireRoles(Role.CarrierOperator, Role.Regulator);
        return routes;
    }

    private static DateTimeOffset? Instant(FieldErrors errors, string name, IQueryCollection query)
    {
        if (!query.TryGetValue(name, out var text))
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text.ToString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) && at.Year is >= 1970 and <= 9000)
        {
            return at;
        }

        errors.Add(name, "must be a date-time such as 2026-01-02T08:00:00Z, between 1970 and 9000");
        return null;
    }
}
