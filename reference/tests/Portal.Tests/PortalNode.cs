using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Reference;
using Reference.Access;

namespace Portal.Tests;

/// <summary>
/// The reference node started in-process on a free loopback port, in test mode, on a SQLite file of its own (so the
/// console reads reports and call records as in service), with keys issued for each staff role.
/// </summary>
public sealed class PortalNode : IAsyncDisposable
{
    public const string AdminKey = "admin-key-for-portal-tests-0123456789";

    private readonly WebApplication _app;
    private readonly string _directory;
    private readonly string[] _settings;
    private bool _keepDirectory;

    private PortalNode(WebApplication app, Uri address, string directory, string[] settings)
    {
        _app = app;
        Address = address;
        _directory = directory;
        _settings = settings;
    }

    public Uri Address { get; }

    public IServiceProvider Services => _app.Services;

    public static Task<PortalNode> StartAsync(params string[] settings) =>
        StartAsync(Path.Combine(Path.GetTempPath(), "portal-tests", Guid.NewGuid().ToString("N")), settings);

    /// <summary>Stops this node (keeping its store) and starts another on the same store, on a port of its own.</summary>
    public async Task<PortalNode> RestartAsync()
    {
        _keepDirectory = true;
        await DisposeAsync();
        return await StartAsync(_directory, _settings);
    }

    private static async Task<PortalNode> StartAsync(string directory, string[] settings)
    {
        Directory.CreateDirectory(directory);
        var app = ReferenceApp.Build(
        [
            "--Http:Url=http://127.0.0.1:0", "--Sip:Access=127.0.0.1:0", "--Sip:Interconnect=127.0.0.1:0",
            "--Sip:International=127.0.0.1:0", "--Sip:NextHop=127.0.0.1:9", "--TestMode:Enabled=true",
            "--Logging:LogLevel:Default=Warning", $"--Api:AdminKey={AdminKey}", $"--Storage:Sqlite={Path.Combine(directory, "node.db")}",
            "--Labelling:Reporters=2", "--Portal:FormsPerAddress=100000", "--Portal:LabelCountSeconds=1", .. settings,
        ]);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new PortalNode(app, new Uri(address), directory, settings);
    }

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    /// <summary>A new key with <paramref name="roles"/>; its secret, as staff type it into the sign-in page.</summary>
    public string Key(string account, params Role[] roles) => Get<ApiKeyBook>().Issue(roles, account, DateTimeOffset.UtcNow).Secret;

    public Uri Url(string path) => new(Address, path);

    /// <summary>The node's SQLite file, for a test to look at what it keeps.</summary>
    public string StoreFile => Path.Combine(_directory, "node.db");

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_keepDirectory)
        {
            return;
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file the node still holds goes with the temporary directory's next clean-up.
        }
    }
}
