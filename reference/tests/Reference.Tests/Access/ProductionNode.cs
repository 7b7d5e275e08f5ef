using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Reference.Access;

namespace Reference.Tests.Access;

/// <summary>A node started without test mode, for what must not exist outside it.</summary>
public sealed class ProductionNode(WebApplication app) : IAsyncDisposable
{
    public HttpClient Client(Role role)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var (_, secret) = app.Services.GetRequiredService<ApiKeyBook>().Issue([role], "production", DateTimeOffset.UtcNow);
        var client = new HttpClient { BaseAddress = new Uri(address) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
