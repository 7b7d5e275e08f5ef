using Reference.Access;
using Screening.Numbering;

namespace Reference.Warnings;

/// <summary>
/// GET /v1/warnings/sms?destination=…: every warning SMS the node sent, where it stands (submitted, delivered,
/// undeliverable) and the delivery receipts behind that state (spec/api/openapi.yaml, WarningSmsList).
/// </summary>
public static class WarningDeliveriesApi
{
    public static IEndpointRouteBuilder MapWarningDeliveriesApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v1/warnings/sms", (string? destination, SmsSender sms) =>
        {
            // National, +86 and 86 forms name one subscriber, whichever form the SMS was addressed in.
            var wanted = destination is null ? null : Subscriber(destination);
            return Results.Ok(new
            {
                messages = sms.Deliveries
                    .Where(d => wanted is null || string.Equals(Subscriber(d.Destination), wanted, StringComparison.Ordinal))
                    .Select(d => new
                    {
                        destination = d.Destination,
                        dataCoding = d.DataCoding,
                        messageIds = d.MessageIds,
                        state = d.State.ToString().ToLowerInvariant(),
                        reason = d.Reason,
                        at = d.At,
                        receipts = d.Receipts.Select(r => new { messageId = r.MessageId, stat = r.Stat, err = r.Error, at = r.At }),
                    })
                    .ToList(),
            });
        }).RequireRoles(Role.CarrierOperator, Role.Regulator);
        return routes;
    }

    private static string Subscriber(string number) =>
        NumberingPlan.Check(number) is { IsValid: true } check ? check.National : number;
}
