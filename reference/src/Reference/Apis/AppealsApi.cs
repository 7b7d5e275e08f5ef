using Labelling.Appeals;
using Reference.Access;
using Reference.LabelService;
using Reference.Provisioning;
using static Reference.LabelService.LabellingRequests;

namespace Reference.Apis;

/// <summary>Appeals against labels (标记申诉): filing, looking one up, the decision on a pending one. The allocation records reissue appeals are checked against come from POST /v1/allocations (Resources).</summary>
public static class AppealsApi
{
    public static IEndpointRouteBuilder MapAppealsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v1/appeals", async (AppealRequest? body, AppealDesk desk, TimeProvider time) =>
        {
            var errors = new FieldErrors();
            var number = errors.DomesticNumber("number", body?.Number);
            var holder = errors.Required("holder", body?.Holder);
            var text = errors.Optional("text", body?.Text, MaxTextLength) ?? string.Empty;
            AppealReason? reason = errors.Required("reason", body?.Reason) switch
            {
                null => null,
                "reissued" => AppealReason.Reissued,
                "different-holder" => AppealReason.DifferentHolder,
                "other" => AppealReason.Other,
                var other => Refuse(errors, other),
            };
            if (errors.Any)
            {
                return errors.Problem();
            }

            var now = time.GetUtcNow();
            var appeal = await desk.FileAsync(number!, holder!, reason!.Value, text, now);
            return Results.Created(Locations.Of("/v1/appeals", appeal.Id), LabelJson.Of(appeal, now, showHolder: true));
        }).RequireRoles(Role.CarrierOperator, Role.AppealDesk, Role.Enterprise, Role.PublicReporter);

        routes.MapGet("/v1/appeals/{id}", (string id, AppealDesk desk, TimeProvider time, ApiCaller caller) =>
            desk.Find(id) is { } appeal
                ? Results.Ok(LabelJson.Of(appeal, time.GetUtcNow(), caller.Has(Role.AppealDesk)))
                : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such appeal", detail: $"There is no appeal {id}; use the id the filing answered.")).RequireRoles(Role.CarrierOperator, Role.AppealDesk, Role.Regulator, Role.Enterprise, Role.PublicReporter);

        routes.MapPost("/v1/appeals/{id}/decision", async (string id, DecisionRequest? body, AppealDesk desk, TimeProvider time) =>
        {
            if (body?.Clear is not { } clear)
            {
                return FieldErrors.Single("clear", "is required: true clears the label, false upholds it");
            }

            var now = time.GetUtcNow();
            if (body.Why?.Length > MaxTextLength)
            {
                return FieldErrors.Single("why", $"is {body.Why.Length} characters long; at most {MaxTextLength} are accepted");
            }

            return await desk.DecideAsync(id, clear, body.Why ?? string.Empty, now) is { } appeal
                ? Results.Ok(LabelJson.Of(appeal, now, showHolder: true))
                : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such appeal", detail: $"There is no appeal {id}; use the id the filing answered.");
        }).RequireRoles(Role.AppealDesk);

        return routes;
    }

    /// <summary>The longest appeal text or decision reason taken.</summary>
    public const int MaxTextLength = 2000;

    private static AppealReason? Refuse(FieldErrors errors, string reason)
    {
        errors.Add("reason", $"'{reason}' is not an appeal reason; use reissued, different-holder or other");
        return null;
    }
}
