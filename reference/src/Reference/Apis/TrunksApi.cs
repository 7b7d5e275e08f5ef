using System.Net;
using Reference.Access;
using Reference.Provisioning;
using Reference.Storage;
using Screening;
using Screening.Directory;
using static Reference.Provisioning.Requests;

namespace Reference.Apis;

/// <summary>Trunks: an enterprise's connection in a realm, known by its source address, with the number ranges it may present.</summary>
public static class TrunksApi
{
    public static IEndpointRouteBuilder MapTrunksApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v1/trunks", async (TrunkRequest? body, InMemoryDirectory directory) =>
        {
            var errors = new FieldErrors();
            var id = errors.Required("id", body?.Id);
            var enterpriseId = errors.Required("enterpriseId", body?.EnterpriseId);
            if (enterpriseId is not null && directory.FindEnterprise(enterpriseId) is null)
            {
                errors.Add("enterpriseId", $"no enterprise {enterpriseId} exists; create it first with POST /v1/enterprises");
            }

            var realm = Realm.Access;
            if (errors.Required("realm", body?.Realm) is { } realmText && !Enum.TryParse(realmText, ignoreCase: true, out realm))
            {
                errors.Add("realm", $"'{realmText}' is not a realm; use access, interconnect or international");
            }

            string? source = null;
            if (body?.Source is { } sourceText)
            {
                source = IPEndPoint.TryParse(sourceText, out var endpoint) && sourceText.Contains(':', StringComparison.Ordinal) ? endpoint.ToString() : null;
                if (source is null)
                {
                    errors.Add("source", $"'{sourceText}' is not an address and port such as 192.0.2.10:5060");
                }
            }
            else if (realm == Realm.Access)
            {
                errors.Add("source", "is required for an access trunk: the address and port its calls come from");
            }

            var ranges = new List<AllocatedRange>();
            var requested = body?.Ranges ?? [];
            for (var i = 0; i < requested.Count; i++)
            {
                var field = $"ranges[{i}]";
                var first = errors.DomesticNumber(field + ".first", requested[i]?.First);
                var last = errors.DomesticNumber(field + ".last", requested[i]?.Last);
                if (first is null || last is null)
                {
                    continue;
                }

                if (first.Length != last.Length || string.CompareOrdinal(first, last) > 0)
                {
                    errors.Add(field, $"{first}-{last} is not a range: first and last must have the same length and first must not exceed last");
                    continue;
                }

                ranges.Add(new AllocatedRange(first, last, enterpriseId ?? string.Empty, requested[i]?.InboundOnly ?? false));
            }

            if (errors.Any)
            {
                return errors.Problem();
            }

            if (await directory.TryAddAsync(new TrunkRecord(id!, enterpriseId!, realm, source), ranges) is { } conflict)
            {
                var colon = conflict.IndexOf(':', StringComparison.Ordinal);
                return FieldErrors.Single(conflict[..colon], conflict[(colon + 2)..], StatusCodes.Status409Conflict);
            }

            return Results.Created(Locations.Of("/v1/trunks", id!), new { id, enterpriseId, realm = realm.ToString().ToLowerInvariant(), source, ranges = ranges.Select(r => new { first = r.First, last = r.Last, inboundOnly = r.InboundOnly }) });
        }).RequireRoles(Role.CarrierOperator);

        routes.MapGet("/v1/trunks/{id}", (string id, InMemoryDirectory directory) =>
            directory.FindTrunk(id) is { } trunk
                ? Results.Ok(new { id = trunk.Id, enterpriseId = trunk.EnterpriseId, realm = trunk.Realm.ToString().ToLowerInvariant(), source = trunk.Source })
                : NotFound.Problem("trunk", id)).RequireRoles(Role.CarrierOperator, Role.Regulator);
        return routes;
    }
}
