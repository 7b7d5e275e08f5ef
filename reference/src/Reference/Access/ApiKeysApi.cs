using Reference.Provisioning;

namespace Reference.Access;

/// <summary>The administrator issues, lists and revokes management API keys (the secret is answered once, at issue).</summary>
public static class ApiKeysApi
{
    public static IEndpointRouteBuilder MapApiKeysApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v1/api-keys", (KeyRequest? body, ApiKeyBook keys, TimeProvider time) =>
        {
            var errors = new FieldErrors();
            var roles = new List<Role>();
            if (body?.Roles is not { Count: > 0 } requested)
            {
                errors.Add("roles", $"is required: a non-empty array of roles from {string.Join(", ", Issuable.Select(r => r.Code()))}");
            }
            else
            {
                for (var i = 0; i < requested.Count; i++)
                {
                    if (!Roles.TryParse(requested[i], out var role) || role == Role.Administrator)
                    {
                        errors.Add($"roles[{i}]", $"'{requested[i]}' is not a role a key can be issued for; use {string.Join(", ", Issuable.Select(r => r.Code()))}");
                        continue;
                    }

                    roles.Add(role);
                }
            }

            var account = body?.Account is null ? null : errors.Required("account", body.Account);
            if (account is null && roles.Any(r => r is Role.Enterprise or Role.PublicReporter))
            {
                errors.Add("account", "is required for an enterprise key (its enterprise id) and a public reporter's key (the verified account it reports as)");
            }

            if (errors.Any)
            {
                return errors.Problem();
            }

            var (key, secret) = keys.Issue(roles, account ?? string.Empty, time.GetUtcNow());
            return Results.Created(Locations.Of("/v1/api-keys", key.Id), View(key, secret));
        }).RequireRoles(Role.Administrator);

        routes.MapGet("/v1/api-keys", (ApiKeyBook keys) => Results.Ok(new { keys = keys.All().Select(k => View(k, null)) }))
            .RequireRoles(Role.Administrator);

        routes.MapDelete("/v1/api-keys/{id}", (string id, ApiKeyBook keys, TimeProvider time) =>
            keys.Revoke(id, time.GetUtcNow()) is { } revoked
                ? Results.Ok(View(revoked, null))
                : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such key", detail: $"There is no API key {id}; GET /v1/api-keys lists them."))
            .RequireRoles(Role.Administrator);
        return routes;
    }

    private static IEnumerable<Role> Issuable => Roles.All.Where(r => r != Role.Administrator);

    private static object View(ApiKey key, string? secret) => new
    {
        id = key.Id,
        key = secret,
        roles = key.Roles.Select(r => r.Code()),
        account = key.Account.Length == 0 ? null : key.Account,
        issuedAt = key.IssuedAt,
        revokedAt = key.RevokedAt,
    };

    public sealed record KeyRequest(IReadOnlyList<string?>? Roles, string? Account);
}
