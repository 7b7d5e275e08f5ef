namespace Reference.Warnings;

/// <summary>GET /v1/warnings/sms?destination=…: every warning SMS the node sent and where it stands (submitted, delivered, undeliverable).</summary>
public static class WarningDeliveriesApi
{
    public static IEndpointRouteBuilder MapWarningDeliveriesApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v1/warnings/sms", (string? destination, SmsSender sms) => Results.Ok(new
        {
            messages = sms.Deliveries
                .Where(d => destination is null || string.Equals(d.Destination, destination, StringComparison.Ordinal))
                .Select(d => new
                {
                    destination = d.Destination,
                    dataCoding = d.DataCoding,
                    messageIds = d.MessageIds,
                    state = d.State.ToString().ToLowerInvariant(),
                    reason = d.Reason,
                    at = d.At,
                })
                .ToList(),
        }));
        return routes;
    }
}
