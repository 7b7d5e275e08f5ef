using System.Text.Json;
using Reference.Access;
using Reference.Provisioning;
using Reference.Storage;
using Screening;

namespace Reference.Apis;

/// <summary>
/// The screening parameters (thresholds, windows, calling hours, consent retention) at run time, so that a lab's
/// target-file values reach a running node. A PUT is checked whole and applied whole, or refused naming each bad field.
/// </summary>
public static class ParametersApi
{
    public static IEndpointRouteBuilder MapParametersApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v1/parameters", (ScreeningPipeline pipeline) => Results.Ok(ParametersJson.View(pipeline.Parameters))).RequireRoles(Role.CarrierOperator, Role.Regulator);

        routes.MapPut("/v1/parameters", async (HttpRequest request, ScreeningPipeline pipeline, IDirectoryStore store) =>
        {
            JsonDocument document;
            try
            {
                document = await JsonDocument.ParseAsync(request.Body);
            }
            catch (JsonException ex)
            {
                return FieldErrors.Single("body", $"is not JSON ({ex.Message}); send an object such as {{\"bombing\":{{\"limit\":10}}}}");
            }

            using var body = document;
            var errors = new FieldErrors();
            var parameters = ParametersJson.Apply(body.RootElement, pipeline.Parameters, errors);
            if (errors.Any)
            {
                return errors.Problem();
            }

            // Stored first: should the store refuse, the running rules are left as they were.
            store.SaveSetting(ParametersJson.SettingName, JsonSerializer.Serialize(ParametersJson.View(parameters)));
            if (pipeline.Reconfigure(parameters) is { } problem)
            {
                return FieldErrors.Single(problem[..problem.IndexOf(':', StringComparison.Ordinal)], problem);
            }

            return Results.Ok(ParametersJson.View(parameters));
        }).RequireRoles(Role.CarrierOperator);
        return routes;
    }
}
