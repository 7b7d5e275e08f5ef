using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Reference.Access;

namespace Reference.Tests.Access;

/// <summary>An endpoint someone maps and forgets to give roles is refused to every key, the administrator's included.</summary>
public sealed class FailClosedTests
{
    [Test]
    public async Task AnEndpointWithoutRolesIsRefusedToEveryone()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var store = ApiKeyStores.From(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Sqlite"] = ":memory:" }).Build());
        var keys = new ApiKeyBook(store, RunningNode.AdminKey);
        var (_, carrier) = keys.Issue([Role.CarrierOperator, Role.Regulator, Role.AppealDesk], "all", DateTimeOffset.UtcNow);
        builder.Services.AddSingleton(keys);
        await using var app = builder.Build();
        app.UseAccessControl();
        app.MapGet("/forgotten", () => "held data");
        app.MapGet("/declared", () => "ok").RequireRoles(Role.CarrierOperator);
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()) };

        async Task<HttpStatusCode> Get(string path, string? key)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            if (key is not null)
            {
                request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
            }

            using var response = await http.SendAsync(request);
            return response.StatusCode;
        }

        Assert.Multiple(async () =>
        {
            Assert.That(await Get("/forgotten", null), Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(await Get("/forgotten", RunningNode.AdminKey), Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(await Get("/forgotten", carrier), Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(await Get("/declared", carrier), Is.EqualTo(HttpStatusCode.OK), "the same key passes where roles are declared");
        });
        await app.StopAsync();
        store.Dispose();
    }
}
