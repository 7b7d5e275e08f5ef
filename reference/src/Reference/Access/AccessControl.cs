using Microsoft.AspNetCore.Http.Metadata;

namespace Reference.Access;

/// <summary>
/// Checks every request against the roles its endpoint declares (<see cref="EndpointRoles"/>): 401 with
/// WWW-Authenticate: Bearer when there is no key or the node does not know it, 403 when the key's roles are not
/// among the endpoint's, both as problem+json. An endpoint that declares nothing is refused to everyone, so an
/// endpoint added without roles fails closed and the role tests name it.
/// </summary>
public static class AccessControl
{
    public static IApplicationBuilder UseAccessControl(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var endpoint = context.GetEndpoint();
            // No endpoint (404) or the router's own 405 endpoint: nothing of the node's is reached, nothing to guard.
            if (endpoint is null || (endpoint.Metadata.GetMetadata<EndpointRoles>() is null && endpoint.Metadata.GetMetadata<IHttpMethodMetadata>() is null))
            {
                await next(context);
                return;
            }

            var declared = endpoint.Metadata.GetMetadata<EndpointRoles>();
            if (declared is { Anonymous: true })
            {
                await next(context);
                return;
            }

            var book = context.RequestServices.GetRequiredService<ApiKeyBook>();
            var secret = BearerSecret(context.Request);
            if (secret is null || book.Authenticate(secret) is not { } caller)
            {
                context.Response.Headers.WWWAuthenticate = secret is null
                    ? "Bearer realm=\"reference\""
                    : "Bearer realm=\"reference\", error=\"invalid_token\"";
                await Results.Problem(
                    statusCode: StatusCodes.Status401Unauthorized,
                    title: secret is null ? "An API key is required." : "The API key is not known.",
                    detail: secret is null
                        ? "Send the key issued to you as Authorization: Bearer <key>."
                        : "The key is not one the node issued, or it was revoked; ask the administrator for a key.").ExecuteAsync(context);
                return;
            }

            if (declared is null || !declared.Allows(caller))
            {
                var allowed = declared is null ? "no role (the endpoint declares none)" : string.Join(", ", declared.Roles.Select(r => r.Code()));
                await Results.Problem(
                    statusCode: StatusCodes.Status403Forbidden,
                    title: "The API key's roles do not allow this.",
                    detail: $"{context.Request.Method} {context.Request.Path} is for {allowed}; this key has {string.Join(", ", caller.Roles.Select(r => r.Code()))}.").ExecuteAsync(context);
                return;
            }

            caller.AttachTo(context);
            await next(context);
        });

    private static string? BearerSecret(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var secret = header[scheme.Length..].Trim();
        return secret.Length == 0 ? null : secret;
    }
}
