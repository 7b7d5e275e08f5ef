using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Reference.Tests.Storage;

/// <summary>
/// A throw-away PostgreSQL server: initdb in a temp directory, postgres on a free loopback port, killed by its PID.
/// PostgreSQL refuses to run as root, so under root it runs as the postgres user (Debian's package creates it).
/// When something it needs is missing, <see cref="StartAsync"/> says what, and the test is inconclusive. It can be
/// stopped and started again on the same port and data (an outage and its end).
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private readonly string _directory;
    private readonly int _port;
    private Process _process;

    private PostgresServer(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        _port = port;
        ConnectionString = $"Host=127.0.0.1;Port={port};Username=node;Database=postgres;Pooling=false";
    }

    public string ConnectionString { get; }

    /// <summary>Why no server can be started here (the missing binary or user), or null when one can.</summary>
    public static string? Missing()
    {
        if (Binary("initdb") is null || Binary("postgres") is null)
        {
            return "PostgreSQL server binaries (initdb, postgres) were not found on PATH nor in /usr/lib/postgresql/*/bin; install the Debian package postgresql (bash .ci/install does)";
        }

        if (Environment.UserName == "root" && (!File.Exists("/usr/bin/setpriv") || Run("id", "-u postgres").ExitCode != 0))
        {
            return "running as root, PostgreSQL needs the 'postgres' user and /usr/bin/setpriv to drop privileges; install the Debian package postgresql (bash .ci/install does)";
        }

        return null;
    }

    public static async Task<PostgresServer> StartAsync()
    {
        var directory = Directory.CreateTempSubdirectory("reference-pg-").FullName;
        var root = Environment.UserName == "root";
        if (root)
        {
            Check(Run("chown", $"postgres: {directory}"), "chown");
        }

        var data = Path.Combine(directory, "data");
        var (initdb, initArguments) = As(root, Binary("initdb")!, $"-D {data} -U node -A trust -E UTF8 --no-sync");
        Check(Run(initdb, initArguments), "initdb");
        var port = FreePort();
        var server = new PostgresServer(Launch(directory, port), directory, port);
        await server.WaitUntilReadyAsync();
        return server;
    }

    /// <summary>Kills the server (and its backends) by its PID, as an outage would; the data stays.</summary>
    public async Task StopAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    /// <summary>Starts the server again on the same port and data, after <see cref="StopAsync"/>.</summary>
    public async Task StartAgainAsync()
    {
        _process.Dispose();
        _process = Launch(_directory, _port);
        await WaitUntilReadyAsync();
    }

    private static Process Launch(string directory, int port)
    {
        var (postgres, arguments) = As(Environment.UserName == "root", Binary("postgres")!,
            $"-D {Path.Combine(directory, "data")} -p {port} -k {directory} -c listen_addresses=127.0.0.1 -c fsync=off");
        var start = new ProcessStartInfo(postgres)
        {
            Arguments = arguments,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        var process = Process.Start(start)!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        return process;
    }

    private async Task WaitUntilReadyAsync()
    {
        var server = this;
        var process = _process;
        var port = _port;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(server.ConnectionString);
                await connection.OpenAsync();
                return;
            }
            catch (NpgsqlException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(100);
            }
            catch (NpgsqlException ex)
            {
                await server.DisposeAsync();
                throw new InvalidOperationException($"PostgreSQL did not accept connections on 127.0.0.1:{port}: {ex.Message}", ex);
            }
        }
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private static string? Binary(string name)
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':')
            .Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);
        return onPath ?? (Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(dir => Path.Combine(dir, "bin", name)).FirstOrDefault(File.Exists)
            : null);
    }

    // setpriv replaces itself with the server (no fork), so the PID we hold is the postmaster's and kills it.
    private static (string File, string Arguments) As(bool root, string binary, string arguments) =>
        root ? ("/usr/bin/setpriv", $"--reuid=postgres --regid=postgres --init-groups {binary} {arguments}") : (binary, arguments);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static (int ExitCode, string Output) Run(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Result + error);
    }

    private static void Check((int ExitCode, string Output) result, string what)
    {
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{what} failed ({result.ExitCode}): {result.Output}");
        }
    }
}
