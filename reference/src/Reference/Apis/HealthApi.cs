using Reference.Access;
using Reference.Signalling;

namespace Reference.Apis;

public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/health", (SipNode node) => Results.Ok(new
        {
            status = node.IsListening ? "ok" : "starting",
            realms = node.Endpoints.ToDictionary(e => e.Key.ToString().ToLowerInvariant(), e => e.Value.ToString()),
        })).Anonymous();
        return routes;
    }
}
