using Reference.Access;
using Reference.Provisioning;
using Reference.Storage;
using Screening;
using static Reference.Provisioning.Requests;

namespace Reference.Apis;

/// <summary>Consents (the whitelist, with evidence) and refusals (per enterprise, or global 谢绝来电) for marketing calls.</summary>
public static class MarketingApi
{
    public static IEndpointRouteBuilder MapMarketingApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v1/consents", async (ConsentRequest? body, InMemoryDirectory directory, ScreeningPipeline pipeline, TimeProvider time) =>
        {
            var errors = new FieldErrors();
            var enterpriseId = KnownEnterprise(errors, directory, body?.EnterpriseId);
            var callee = errors.DomesticNumber("callee", body?.Callee);
            var evidence = errors.Required("evidence", body?.Evidence, maxLength: 2000);
            var now = time.GetUtcNow();
            var recorded = body?.RecordedAt ?? now;
            if (recorded > now)
            {
                errors.Add("recordedAt", "lies in the future; consent can only be recorded once given");
            }

            if (errors.Any)
            {
                return errors.Problem();
            }

            var consent = new Consent(enterpriseId!, callee!, evidence!, recorded, recorded + pipeline.Parameters.ConsentRetention);
            await directory.AddConsentAsync(consent);
            return Results.Created(Locations.Of("/v1/consents", enterpriseId!, callee!), consent);
        }).RequireRoles(Role.CarrierOperator);

        routes.MapGet("/v1/consents/{enterpriseId}/{callee}", (string enterpriseId, string callee, InMemoryDirectory directory) =>
            directory.FindConsent(enterpriseId, callee) is { } consent ? Results.Ok(consent) : NotFound.Problem("consent", $"{enterpriseId}/{callee}")).RequireRoles(Role.CarrierOperator, Role.Regulator);

        routes.MapPost("/v1/refusals", async (RefusalRequest? body, InMemoryDirectory directory) =>
        {
            var errors = new FieldErrors();
            var callee = errors.DomesticNumber("callee", body?.Callee);
            var enterpriseId = body?.EnterpriseId is null ? null : KnownEnterprise(errors, directory, body.EnterpriseId);
            if (errors.Any)
            {
                return errors.Problem();
            }

            await directory.AddRefusalAsync(enterpriseId, callee!);
            return Results.Created("/v1/refusals", new { callee, enterpriseId, scope = enterpriseId is null ? "global" : "enterprise", channel = body?.Channel });
        }).RequireRoles(Role.CarrierOperator);
        return routes;
    }

    private static string? KnownEnterprise(FieldErrors errors, InMemoryDirectory directory, string? id)
    {
        var enterpriseId = errors.Required("enterpriseId", id);
        if (enterpriseId is not null && directory.FindEnterprise(enterpriseId) is null)
        {
            errors.Add("enterpriseId", $"no enterprise {enterpriseId} exists; create it first with POST /v1/enterprises");
            return null;
        }

        return enterpriseId;
    }
}
