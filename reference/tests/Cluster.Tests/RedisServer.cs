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

    private readonly bool _sharded;
    private readonly (int From, int To) _slots = (0, 16383);

    private RedisServer(int port, bool sharded)
    {
        Port = port;
        _sharded = sharded;
    }

    private RedisServer(int port, (int From, int To) slots)
        : this(port, sharded: true) => _slots = slots;

    public int Port { get; }

    public string Endpoint => $"127.0.0.1:{Port}";

    public static string? Missing() =>
        File.Exists(Binary) ? null : $"{Binary} was not found; install the Debian package redis-server (bash .ci/install does)";

    private static string Binary => "/usr/bin/redis-server";

    /// <summary>
    /// Starts a server; a sharded one runs in cluster mode as the only shard, holding every hash slot, so that it refuses
    /// a script whose keys lie in different slots (CROSSSLOT) as a Redis Cluster of several shards must.
    /// </summary>
    public static async Task<RedisServer> StartAsync(bool sharded = false)
    {
        var server = new RedisServer(FreePort(), sharded);
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>
    /// Starts one shard of a Redis Cluster of several, holding the slots given; it is up once it has met the others
    /// (<see cref="MeetAsync"/>) and every slot is held.
    /// </summary>
    public static async Task<RedisServer> StartShardAsync(int fromSlot, int toSlot)
    {
        var server = new RedisServer(FreePort(), (fromSlot, toSlot));
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>Joins this shard to <paramref name="other"/>'s cluster and waits until both say the cluster is up.</summary>
    public async Task MeetAsync(RedisServer other)
    {
        await AskAsync($"CLUSTER MEET 127.0.0.1 {other.Port}");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        foreach (var server in new[] { this, other })
        {
            while (!(await server.AskAsync("CLUSTER INFO")).Contains("cluster_state:ok", StringComparison.Ordinal))
            {
                Assert.That(DateTime.UtcNow, Is.LessThan(deadline), $"the cluster of shards {Port} and {other.Port} did not come up");
                await Task.Delay(50);
            }
        }
    }

    public async Task StartAgainAsync()
    {
        var cluster = _sharded ? " --cluster-enabled yes --cluster-config-file nodes.conf --cluster-announce-ip 127.0.0.1" : string.Empty;
        _process = Process.Start(new ProcessStartInfo(Binary, $"--port {Port} --bind 127.0.0.1 --dir {_directory} --save \"\" --appendonly yes --appendfsync always --protected-mode yes{cluster}")
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
                break;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !_process.HasExited)
            {
                await Task.Delay(50);
            }
        }

        if (_sharded)
        {
            // Its slots to this shard, every one unless it is one of several (a restart keeps them in nodes.conf, and the command then answers that they are taken).
            await AskAsync($"CLUSTER ADDSLOTSRANGE {_slots.From} {_slots.To}");
            var whole = _slots == (0, 16383);
            while (whole && !(await AskAsync("CLUSTER INFO")).Contains("cluster_state:ok", StringComparison.Ordinal))
            {
                Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "the one-shard cluster did not come up");
                await Task.Delay(50);
            }
        }
    }

    /// <summary>Sends one inline command and returns the reply's text as it came (for set-up and checks, not for counters).</summary>
    public async Task<string> AskAsync(string command)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, Port);
        var stream = client.GetStream();
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(command + "\r\n"));
        var buffer = new byte[8192];
        var read = await stream.ReadAsync(buffer);
        var reply = System.Text.Encoding.UTF8.GetString(buffer, 0, read);
        // A bulk reply ("$n\r\n…") may come in more than one read.
        if (reply.StartsWith('$') && int.TryParse(reply[1..reply.IndexOf('\r', StringComparison.Ordinal)], out var size))
        {
            while (System.Text.Encoding.UTF8.GetByteCount(reply) < size + reply.IndexOf('\n', StringComparison.Ordinal) + 3)
            {
                var more = await stream.ReadAsync(buffer);
                if (more == 0)
                {
                    break;
                }

                reply += System.Text.Encoding.UTF8.GetString(buffer, 0, more);
            }
        }

        return reply;
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
