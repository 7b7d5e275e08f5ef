using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Reference.Access;

namespace Reference.Tests;

/// <summary>
/// The reference node started in-process on free loopback ports, in test mode, with an HTTP client on its API. <see cref="Http"/>
/// holds a key for what a lab does (carrier operator and appeal desk); <see cref="As"/> gives a client with other roles.
/// </summary>
public sealed class RunningNode : IAsyncDisposable
{
    public const string AdminKey = "admin-key-for-tests-0123456789abcdef";

    private readonly WebApplication _app;
    private readonly List<HttpClient> _clients = [];

    private RunningNode(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
        Http = As("lab", Role.CarrierOperator, Role.AppealDesk);
    }

    public Uri Address { get; }

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
            "--Logging:LogLevel:Default=Warning", $"--Api:AdminKey={AdminKey}", storage, .. settings,
        ]);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RunningNode(app, new Uri(address));
    }

    /// <summary>A client whose key has <paramref name="roles"/>, issued for <paramref name="account"/>.</summary>
    public HttpClient As(string account, params Role[] roles)
    {
        var (_, secret) = Services.GetRequiredService<ApiKeyBook>().Issue(roles, account, DateTimeOffset.UtcNow);
        return WithKey(secret);
    }

    /// <summary>A client presenting <paramref name="secret"/> as its bearer key, or no key at all when null.</summary>
    public HttpClient WithKey(string? secret)
    {
        var client = new HttpClient { BaseAddress = Address };
        if (secret is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", secret);
        }

        _clients.Add(client);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
