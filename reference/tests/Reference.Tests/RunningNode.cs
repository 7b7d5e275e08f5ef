using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Reference.Tests;

/// <summary>The reference node started in-process on free loopback ports, in test mode, with an HTTP client on its API.</summary>
public sealed class RunningNode : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RunningNode(WebApplication app, HttpClient http)
    {
        _app = app;
        Http = http;
    }

    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    /// <param name="storage">The storage setting, such as "--Storage:Sqlite=/tmp/x.db"; by default an in-memory SQLite store.</param>
    /// <param name="settings">More settings, such as "--Stir:Enabled=true".</param>
    public static async Task<RunningNode> StartAsync(string storage = "--Storage:Sqlite=:memory:", params string[] settings)
    {
        var app = ReferenceApp.Build(
        [
            "--Http:Url=http://127.0.0.1:0", "--Sip:Access=127.0.0.1:0", "--Sip:Interconnect=127.0.0.1:0",
            "--Sip:International=127.0.0.1:0", "--Sip:NextHop=127.0.0.1:9", "--TestMode:Enabled=true",
            "--Logging:LogLevel:Default=Warning", storage, .. settings,
        ]);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RunningNode(app, new HttpClient { BaseAddress = new Uri(address) });
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
