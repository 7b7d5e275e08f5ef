using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Cluster.Tests;

/// <summary>
/// A throw-away redis-server on a free loopback port, stopped by its PID. It can be stopped and started again on the
/// same port (an outage and its end); its append-only file, synced on every write, keeps the counts across the outage. When the binary is missing, <see cref="Missing"/> says so.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("reference-redis-").FullName;
    private Process? _process;

    private RedisServer(int port)
    {
        Port = port;
    }

    public int Port { get; }

    public string Endpoint => $"127.0.0.1:{Port}";

    public static string? Missing() =>
        File.Exists(Binary) ? null : $"{Binary} was not found; install the Debian package redis-server (bash .ci/install does)";

    private static string Binary => "/usr/bin/redis-server";

    public static async Task<RedisServer> StartAsync()
    {
        var server = new RedisServer(FreePort());
        await server.StartAgainAsync();
        return server;
    }

    public async Task StartAgainAsync()
    {
        _process = Process.Start(new ProcessStartInfo(Binary, $"--port {Port} --bind 127.0.0.1 --dir {_directory} --save \"\" --appendonly yes --appendfsync always --protected-mode yes")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !_process.HasExited)
            {
                await Task.Delay(50);
            }
        }
    }

    /// <summary>Kills the server by its PID and waits for it to be gone.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } running)
        {
            running.Kill();
            await running.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
