namespace Reference.Resources;

/// <summary>The resources profile's endpoints (spec/api/openapi.yaml, since 0.5.0).</summary>
public static class ResourcesApi
{
    public static IEndpointRouteBuilder MapResourcesApi(this IEndpointRouteBuilder routes) =>
        routes.MapAllocationsApi().MapDisciplineListApi().MapTrunkSanctionsApi();
}
