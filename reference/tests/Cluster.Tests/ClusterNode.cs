using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Reference;

namespace Cluster.Tests;

/// <summary>One reference node started in-process on free loopback ports, in test mode, with the settings given (its store, its Redis).</summary>
public sealed class ClusterNode : IAsyncDisposable
{
    public const string AdminKey = "admin-key-for-cluster-tests-0123456789";

    private readonly WebApplication _app;

    private ClusterNode(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public IServiceProvider Services => _app.Services;

    public T Get<T>()
        where T : notnull => _app.Services.GetRequiredService<T>();

    public static async Task<ClusterNode> StartAsync(params string[] settings)
    {
        var app = ReferenceApp.Build(
        [
            "--Http:Url=http://127.0.0.1:0", "--Sip:Access=127.0.0.1:0", "--Sip:Interconnect=127.0.0.1:0",
            "--Sip:International=127.0.0.1:0", "--Sip:NextHop=127.0.0.1:9", "--TestMode:Enabled=true",
            "--Logging:LogLevel:Default=Warning", $"--Api:AdminKey={AdminKey}", .. settings,
        ]);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ClusterNode(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
