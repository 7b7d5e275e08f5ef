using Labelling.Appeals;
using Reference.Access;
using Reference.Provisioning;

namespace Reference.LabelService;

/// <summary>
/// GET /v1/appeals?status=…: the appeals desk's queue; a regulator sees it without the appellants' names. status=overdue lists pending appeals past their deadline, each
/// escalated as of that deadline; pending, cleared and upheld list by state; no status lists them all.
/// </summary>
public static class AppealListApi
{
    private static readonly string[] Statuses = ["pending", "overdue", "cleared", "upheld"];

    public static IEndpointRouteBuilder MapAppealListApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v1/appeals", (string? status, AppealDesk desk, TimeProvider time, ApiCaller caller) =>
        {
            if (status is not null && !Statuses.Contains(status, StringComparer.Ordinal))
            {
                return FieldErrors.Single("status", $"'{status}' is not an appeal status; use {string.Join(", ", Statuses)} or leave it out for every appeal");
            }

            var now = time.GetUtcNow();
            var appeals = status switch
            {
                null => desk.All(now),
                "overdue" => desk.Overdue(now),
                _ => desk.All(now).Where(a => string.Equals(a.State.ToString(), status, StringComparison.OrdinalIgnoreCase)).ToList(),
            };
            return Results.Ok(new { appeals = appeals.Select(a => LabelJson.Of(a, now, caller.Has(Role.AppealDesk))).ToList() });
        }).RequireRoles(Role.AppealDesk, Role.Regulator);
        return routes;
    }
}
