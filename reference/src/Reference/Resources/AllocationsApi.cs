using Reference.Access;
using Reference.Provisioning;
using Reference.Storage;
using Screening.Numbering;
using static Reference.Resources.ResourceRequests;

namespace Reference.Resources;

/// <summary>
/// Qualifications and allocations (RES-QUA, RES-ALC): the carrier records what it checked of an enterprise, then
/// allocates numbers and trunk blocks; a 95/96/400 number or a trunk block goes only to a qualified holder, and no
/// allocation at all to a holder on the joint-discipline list. Allocations are kept with their reissues.
/// </summary>
public static class AllocationsApi
{
    public const int MaxText = 500;

    public static IEndpointRouteBuilder MapAllocationsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v1/qualifications", async (QualificationRequest? body, ResourceLedger ledger, InMemoryDirectory directory, TimeProvider time, ApiCaller caller) =>
        {
            var errors = new FieldErrors();
            var enterprise = errors.Required("enterprise", body?.Enterprise);
            if (enterprise is not null && directory.FindEnterprise(enterprise) is null)
            {
                errors.Add("enterprise", $"no enterprise {enterprise} exists; create it first with POST /v1/enterprises");
            }

            var scope = errors.Optional("businessScope", body?.BusinessScope, MaxText);
            var connects = errors.Optional("connectsTo", body?.ConnectsTo, MaxText);
            var use = errors.Optional("use", body?.Use, MaxText);
            if (errors.Any)
            {
                return errors.Problem();
            }

            var now = time.GetUtcNow();
            var recorded = await ledger.QualifyAsync(new Qualification(enterprise!, Blank(scope), Blank(connects), Blank(use), body!.ValidUntil, now, Who(caller)));
            return Results.Created(Locations.Of("/v1/qualifications", enterprise!), ResourceJson.Of(recorded, now));
        }).RequireRoles(Role.CarrierOperator);

        routes.MapGet("/v1/qualifications/{enterpriseId}", (string enterpriseId, ResourceLedger ledger, TimeProvider time) =>
            ledger.QualificationOf(enterpriseId) is { } q ? Results.Ok(ResourceJson.Of(q, time.GetUtcNow())) : NotFound.Problem("qualification of enterprise", enterpriseId))
            .RequireRoles(Role.CarrierOperator, Role.Regulator);

        routes.MapPost("/v1/allocations", async (AllocationRequest? body, ResourceLedger ledger, InMemoryDirectory directory, TimeProvider time, ApiCaller caller) =>
        {
            var errors = new FieldErrors();
            var now = time.GetUtcNow();
            var holder = errors.Required("holder", body?.Holder);
            var since = body?.Since ?? now;
            if (since > now)
            {
                errors.Add("since", $"{since:O} lies in the future; record an allocation once it is made");
            }

            string? first = null, last = null;
            var kind = AllocationKind.Number;
            if ((body?.Number is null) == (body?.Block is null))
            {
                errors.Add("number", "give exactly one of number (one number) or block (a trunk's calling numbers, with trunk)");
            }
            else if (body!.Number is not null)
            {
                first = last = errors.DomesticNumber("number", body.Number);
                if (body.Trunk is not null)
                {
                    errors.Add("trunk", "is given only with block: a trunk's allocation is the block of calling numbers it may present");
                }
            }
            else
            {
                kind = AllocationKind.Block;
                (first, last) = Block(errors, body.Block!, body.Trunk, holder, directory);
            }

            if (errors.Any)
            {
                return errors.Problem();
            }

            // A subscriber's mobile or fixed-line number is recorded for reissues; what an enterprise holds is checked first.
            var qualified = kind == AllocationKind.Block || IsEnterpriseServiceNumber(first!);
            var outcome = await ledger.AllocateAsync(kind, first!, last!, holder!, kind == AllocationKind.Block ? body!.Trunk!.Trim() : null, qualified, since, caller, now);
            if (outcome.Allocation is not { } allocation)
            {
                return Results.ValidationProblem(
                    outcome.Refusal.GroupBy(r => r.Field).ToDictionary(g => g.Key, g => g.Select(r => r.Problem).ToArray()),
                    title: outcome.Title, statusCode: StatusCodes.Status409Conflict);
            }

            var location = kind == AllocationKind.Block ? "/v1/allocations?trunk=" + Uri.EscapeDataString(allocation.Trunk!) : "/v1/allocations?number=" + allocation.First;
            return outcome.Created ? Results.Created(location, ResourceJson.Of(allocation)) : Results.Ok(ResourceJson.Of(allocation));
        }).RequireRoles(Role.CarrierOperator);

        routes.MapGet("/v1/allocations", (HttpRequest request, ResourceLedger ledger) =>
        {
            var errors = new FieldErrors();
            var query = request.Query;
            var number = query.ContainsKey("number") ? errors.DomesticNumber("number", query["number"].ToString()) : null;
            var holder = query.ContainsKey("holder") ? errors.Required("holder", query["holder"].ToString()) : null;
            var trunk = query.ContainsKey("trunk") ? errors.Required("trunk", query["trunk"].ToString()) : null;
            if (!errors.Any && number is null && holder is null && trunk is null)
            {
                errors.Add("number", "give number, holder or trunk (or more than one) to say whose allocations to list");
            }

            return errors.Any ? errors.Problem() : Results.Ok(new { allocations = ledger.Allocations(number, holder, trunk).Select(ResourceJson.Of) });
        }).RequireRoles(Role.CarrierOperator, Role.Regulator);
        return routes;
    }

    /// <summary>95xxx, 96xxx and 400 numbers: enterprises' service numbers, allocated only against a qualification.</summary>
    public static bool IsEnterpriseServiceNumber(string national) =>
        NumberingPlan.Check(national).Kind == NumberKind.Service
        && (national.StartsWith("400", StringComparison.Ordinal) || national.StartsWith("95", StringComparison.Ordinal) || national.StartsWith("96", StringComparison.Ordinal));

    public static string Who(ApiCaller caller) => caller.Account.Length > 0 ? caller.Account : caller.KeyId;

    private static (string? First, string? Last) Block(FieldErrors errors, BlockRequest block, string? trunkId, string? holder, InMemoryDirectory directory)
    {
        var first = errors.DomesticNumber("block.first", block.First);
        var last = errors.DomesticNumber("block.last", block.Last);
        if (first is not null && last is not null && (first.Length != last.Length || string.CompareOrdinal(first, last) > 0))
        {
            errors.Add("block", $"{first}-{last} is not a block: first and last must have the same length and first must not exceed last");
        }

        if (errors.Required("trunk", trunkId) is { } id)
        {
            if (directory.FindTrunk(id) is not { } trunk)
            {
                errors.Add("trunk", $"no trunk {id} exists; create it first with POST /v1/trunks");
            }
            else if (holder is not null && trunk.EnterpriseId != holder)
            {
                errors.Add("trunk", $"trunk {id} belongs to {trunk.EnterpriseId}, not to the holder {holder}");
            }
        }

        return (first, last);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
