using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Reference.Signalling;
using Screening;

namespace Interop.Tests;

/// <summary>The reference node, started in-process on free loopback ports with its next hop pointing at a peer.</summary>
public sealed class NodeUnderTest : IAsyncDisposable
{
    private readonly WebApplication _app;

    private NodeUnderTest(WebApplication app) => _app = app;

    public IPEndPoint International => Endpoint(Realm.International);

    public IPEndPoint Endpoint(Realm realm) => _app.Services.GetRequiredService<SipNode>().Endpoints[realm];

    public Uri Http => new(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    public static async Task<NodeUnderTest> StartAsync(int nextHopPort, string transport, params string[] settings)
    {
        var app = Reference.ReferenceApp.Build(
        [
            "--Http:Url=http://127.0.0.1:0",
            "--Sip:Access=127.0.0.1:0",
            "--Sip:Interconnect=127.0.0.1:0",
            "--Sip:International=127.0.0.1:0",
            $"--Sip:NextHop=127.0.0.1:{nextHopPort}",
            $"--Sip:Tcp={(transport == "tcp" ? "true" : "false")}",
            $"--Sip:NextHopTransport={transport}",
            "--Logging:LogLevel:Default=Warning",
            // Interop checks SIP, not policy: many calls from one sipp caller to one callee must not trip the bombing rule.
            "--Screening:Bombing:Limit=1000000",
            .. settings,
        ]);
        await app.StartAsync();
        return new NodeUnderTest(app);
    }

    /// <summary>How many INVITEs the node counted on a path of its latency histograms ("interceptedToFinalResponse" or "admittedToForwarded").</summary>
    public async Task<long> CountedAsync(string path)
    {
        using var http = new HttpClient { BaseAddress = Http };
        var (_, key) = _app.Services.GetRequiredService<Reference.Access.ApiKeyBook>().Issue([Reference.Access.Role.Regulator], "interop", DateTimeOffset.UtcNow);
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        using var metrics = JsonDocument.Parse(await http.GetStringAsync(new Uri("/metrics?format=json", UriKind.Relative)));
        return metrics.RootElement.GetProperty("invite").GetProperty(path).GetProperty("count").GetInt64();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
