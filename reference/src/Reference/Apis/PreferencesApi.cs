using Reference.Access;
using Reference.Preferences;
using Reference.Provisioning;
using static Reference.Provisioning.Requests;

namespace Reference.Apis;

/// <summary>Callees' choices: labels instead of interception for calls from callers flagged by analytics.</summary>
public static class PreferencesApi
{
    public static IEndpointRouteBuilder MapPreferencesApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v1/label-only-callees", (NumbersRequest? body, CalleePreferences preferences) =>
        {
            var errors = new FieldErrors();
            if (body?.Numbers is not { Count: > 0 } numbers)
            {
                errors.Add("numbers", "is required: a non-empty array of national numbers");
                return errors.Problem();
            }

            var national = numbers.Select((n, i) => errors.DomesticNumber($"numbers[{i}]", n)).ToList();
            if (errors.Any)
            {
                return errors.Problem();
            }

            preferences.PreferLabels(national.Select(n => n!).ToList());

            return Results.Created("/v1/label-only-callees", new { added = national.Count });
        }).RequireRoles(Role.CarrierOperator);
        return routes;
    }
}
