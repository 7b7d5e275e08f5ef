using System.Net;
using Reference.Access;
using Reference.CallerAuthentication;
using Reference.Provisioning;

namespace Reference.Apis;

/// <summary>STIR/SHAKEN provisioning: domestic carriers' peers that must sign every call, and the node's own certificate.</summary>
public static class StirApi
{
    public static IEndpointRouteBuilder MapStirApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v1/stir/signing-peers", (SigningPeerRequest? body, SigningPeers peers, StirOptions options) =>
        {
            if (!options.Enabled)
            {
                return Results.Problem(statusCode: 409, title: "STIR/SHAKEN is not enabled", detail: "Start the node with Stir:Enabled=true to require signatures from peers.");
            }

            if (body?.Address is not { } text || !IPEndPoint.TryParse(text, out var peer) || peer.Port == 0)
            {
                var errors = new FieldErrors();
                errors.Add("address", "is required: the peer's source address and port, such as 127.0.0.1:5080");
                return errors.Problem();
            }

            peers.Add(peer);
            return Results.Created("/v1/stir/signing-peers", new { address = peer.ToString() });
        }).RequireRoles(Role.CarrierOperator);
        return routes;
    }

    public sealed record SigningPeerRequest(string? Address);
}
