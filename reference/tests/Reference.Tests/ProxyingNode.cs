using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Reference.Signalling;
using Screening;

namespace Reference.Tests;

/// <summary>The reference node in-process on free loopback ports, forwarding to a test's callee peer, with settings a test chooses.</summary>
public sealed class ProxyingNode : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _http;

    private ProxyingNode(WebApplication app)
    {
        _app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _http = new HttpClient { BaseAddress = new Uri(address) };
        var (_, key) = app.Services.GetRequiredService<Reference.Access.ApiKeyBook>().Issue([Reference.Access.Role.CarrierOperator], "tests", DateTimeOffset.UtcNow);
        _http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
    }

    public IPEndPoint International => _app.Services.GetRequiredService<SipNode>().Endpoints[Realm.International];

    public IPEndPoint Interconnect => _app.Services.GetRequiredService<SipNode>().Endpoints[Realm.Interconnect];

    public IPEndPoint Access => _app.Services.GetRequiredService<SipNode>().Endpoints[Realm.Access];

    /// <summary>The management API, with a carrier operator's key.</summary>
    public HttpClient Http => _http;

    public IServiceProvider Services => _app.Services;

    public static async Task<ProxyingNode> StartAsync(IPEndPoint nextHop, params string[] settings)
    {
        var app = ReferenceApp.Build(
        [
            "--Http:Url=http://127.0.0.1:0", "--Sip:Access=127.0.0.1:0", "--Sip:Interconnect=127.0.0.1:0",
            "--Sip:International=127.0.0.1:0", $"--Sip:NextHop={nextHop.Address}:{nextHop.Port.ToString(CultureInfo.InvariantCulture)}",
            "--Logging:LogLevel:Default=Warning", .. settings,
        ]);
        await app.StartAsync();
        return new ProxyingNode(app);
    }

    /// <summary>GET /metrics?format=json.</summary>
    public async Task<JsonElement> MetricsAsync()
    {
        using var document = JsonDocument.Parse(await _http.GetStringAsync(new Uri("/metrics?format=json", UriKind.Relative)));
        return document.RootElement.Clone();
    }

    /// <summary>Polls /metrics until <paramref name="condition"/> holds or <paramref name="within"/> passes; returns the last reading.</summary>
    public async Task<JsonElement> MetricsWhenAsync(Func<JsonElement, bool> condition, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        var metrics = await MetricsAsync();
        while (!condition(metrics) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
            metrics = await MetricsAsync();
        }

        return metrics;
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
