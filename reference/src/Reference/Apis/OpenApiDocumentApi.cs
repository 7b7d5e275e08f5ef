using Reference.Access;

namespace Reference.Apis;

/// <summary>
/// GET /openapi.yaml: the management API's description, spec/api/openapi.yaml as built into the node, with each
/// operation's roles (x-roles); anyone may read it, as a client needs it before it has a key.
/// </summary>
public static class OpenApiDocumentApi
{
    public const string ResourceName = "openapi.yaml";

    public static IEndpointRouteBuilder MapOpenApiDocumentApi(this IEndpointRouteBuilder routes)
    {
        var document = Read();
        routes.MapGet("/openapi.yaml", () => Results.Bytes(document, "application/yaml; charset=utf-8")).Anonymous();
        return routes;
    }

    public static byte[] Read()
    {
        using var stream = typeof(OpenApiDocumentApi).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The node was built without its {ResourceName} resource (spec/api/openapi.yaml).");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
