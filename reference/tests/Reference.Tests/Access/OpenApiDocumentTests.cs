using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Reference.Access;

namespace Reference.Tests.Access;

/// <summary>
/// The node serves spec/api/openapi.yaml as it is, and what it enforces is what the document says: every mapped
/// endpoint is an operation of the document with the same roles, and every operation is mapped. The two cannot drift.
/// </summary>
public sealed class OpenApiDocumentTests
{
    private RunningNode _node = null!;

    [OneTimeSetUp]
    public async Task Start() => _node = await RunningNode.StartAsync();

    [OneTimeTearDown]
    public async Task Stop() => await _node.DisposeAsync();

    [Test]
    public async Task TheServedDocumentIsTheSpecFileAndAnyoneMayReadIt()
    {
        using var anonymous = new HttpClient { BaseAddress = _node.Address };
        using var response = await anonymous.GetAsync(new Uri("/openapi.yaml", UriKind.Relative));

        Assert.Multiple(async () =>
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(200));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/yaml"));
            Assert.That(await response.Content.ReadAsByteArrayAsync(), Is.EqualTo(await File.ReadAllBytesAsync(ApiDocument.Path)));
        });
    }

    [Test]
    public void EveryMappedEndpointHasTheRolesTheDocumentGivesItAndEveryOperationIsMapped()
    {
        var mapped = Mapped();
        var documented = ApiDocument.Operations.ToDictionary(o => $"{o.Method} {o.Path}", o => Codes(o.Roles ?? ["(x-roles missing)"]), StringComparer.Ordinal);

        Assert.Multiple(() =>
        {
            Assert.That(mapped.Keys.Except(documented.Keys), Is.Empty, "endpoints the node maps that the document lacks");
            Assert.That(documented.Keys.Except(mapped.Keys), Is.Empty, "operations of the document the node (in test mode) does not map");
            foreach (var (operation, roles) in mapped.Where(m => documented.ContainsKey(m.Key)))
            {
                Assert.That(roles, Is.EqualTo(documented[operation]), $"{operation}: the node's RequireRoles/Anonymous against the document's x-roles");
            }
        });
    }

    [Test]
    public async Task TestControlExistsOnlyInTestMode()
    {
        await using var production = await ProductionNodeAsync();
        using var carrier = production.Client(Role.CarrierOperator);

        Assert.Multiple(async () =>
        {
            Assert.That((int)(await carrier.GetAsync(new Uri("/v1/test/clock", UriKind.Relative))).StatusCode, Is.EqualTo(404));
            Assert.That((int)(await carrier.PutAsync(new Uri("/v1/test/clock", UriKind.Relative), new StringContent("{\"now\":\"2030-01-01T00:00:00Z\"}", System.Text.Encoding.UTF8, "application/json"))).StatusCode, Is.EqualTo(404));
            Assert.That((int)(await carrier.GetAsync(new Uri("/v1/parameters", UriKind.Relative))).StatusCode, Is.EqualTo(200), "the rest of the API is there");
        });
    }

    private Dictionary<string, string[]> Mapped() =>
        _node.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>() is not null)
            // The portal's pages and stylesheet are HTML for people, not operations of the API document.
            .Where(e => e.Metadata.GetMetadata<Reference.Portal.PortalEndpoint>() is null)
            .SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.Select(method => (
                Key: $"{method} {e.RoutePattern.RawText}",
                Roles: e.Metadata.GetMetadata<EndpointRoles>() is { } declared ? Codes(declared.Roles.Select(r => r.Code())) : ["(no RequireRoles)"])))
            .ToDictionary(m => m.Key, m => m.Roles, StringComparer.Ordinal);

    private static string[] Codes(IEnumerable<string> roles) => roles.Order(StringComparer.Ordinal).ToArray();

    private static async Task<ProductionNode> ProductionNodeAsync()
    {
        var app = ReferenceApp.Build(
        [
            "--Http:Url=http://127.0.0.1:0", "--Sip:Access=127.0.0.1:0", "--Sip:Interconnect=127.0.0.1:0",
            "--Sip:International=127.0.0.1:0", "--Sip:NextHop=127.0.0.1:9", "--Logging:LogLevel:Default=Warning",
            "--Storage:Sqlite=:memory:", $"--Api:AdminKey={RunningNode.AdminKey}",
        ]);
        await app.StartAsync();
        return new ProductionNode(app);
    }
}
