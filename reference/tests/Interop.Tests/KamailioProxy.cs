using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Interop.Tests;

/// <summary>
/// Kamailio as a transaction-stateful upstream proxy in front of the node: it record-routes every dialog and relays
/// every request to the node's international port. Runs in the foreground (-DD -E) from a generated configuration,
/// on a free loopback port with its runtime files in a temporary folder; disposing kills it by its PID.
/// </summary>
public sealed class KamailioProxy : IDisposable
{
    private static readonly string[] ModuleFolders =
    [
        "/usr/lib/x86_64-linux-gnu/kamailio/modules",
        "/usr/lib/aarch64-linux-gnu/kamailio/modules",
        "/usr/lib64/kamailio/modules",
        "/usr/lib/kamailio/modules",
        "/usr/local/lib64/kamailio/modules",
        "/usr/local/lib/kamailio/modules",
    ];

    private readonly PeerProcess _process;
    private readonly string _folder;

    private KamailioProxy(PeerProcess process, string folder, int port)
    {
        _process = process;
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    public string Output => _process.Output;

    /// <summary>The kamailio executable, or null when it is not installed (Debian puts it in /usr/sbin).</summary>
    public static string? Executable =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':').Append("/usr/sbin").Append("/usr/local/sbin")
            .Select(dir => Path.Combine(dir, "kamailio"))
            .FirstOrDefault(File.Exists);

    public static async Task<KamailioProxy> StartAsync(IPEndPoint node, string transport)
    {
        var executable = Executable ?? throw new InvalidOperationException("kamailio is not installed (Debian package kamailio; .ci/install adds it)");
        var modules = ModuleFolders.FirstOrDefault(Directory.Exists)
            ?? throw new InvalidOperationException($"Kamailio's modules were not found in any of: {string.Join(", ", ModuleFolders)}");
        var port = FreePort.Next();
        var folder = Directory.CreateTempSubdirectory("kamailio-interop-").FullName;
        var config = Path.Combine(folder, "kamailio.cfg");
        await File.WriteAllTextAsync(config, Configuration(port, modules, $"sip:{node.Address}:{node.Port};transport={transport}"));

        // -DD: stay in the foreground so the PID we hold is the main process; -E: log to stderr; -Y: runtime files here.
        var process = PeerProcess.Start(executable, ["-f", config, "-DD", "-E", "-Y", folder, "-m", "64", "-M", "8"], folder);
        var proxy = new KamailioProxy(process, folder, port);
        try
        {
            await proxy.WaitUntilListeningAsync(TimeSpan.FromSeconds(15));
            return proxy;
        }
        catch
        {
            proxy.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _process.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a dying child; the system's temp cleaning takes it.
        }
    }

    /// <summary>
    /// Every request is relayed to the node, a dialog's later requests too, whether or not the caller sends them with
    /// the Route set that the Record-Route built.
    /// </summary>
    private static string Configuration(int port, string modules, string node)
    {
        var p = port.ToString(CultureInfo.InvariantCulture);
        return $$"""
            #!KAMAILIO
            debug=1
            log_stderror=yes
            fork=yes
            children=1
            tcp_children=1
            auto_aliases=no
            listen=udp:127.0.0.1:{{p}}
            listen=tcp:127.0.0.1:{{p}}
            mpath="{{modules}}/"

            loadmodule "tm.so"
            loadmodule "sl.so"
            loadmodule "rr.so"
            loadmodule "pv.so"
            loadmodule "maxfwd.so"
            loadmodule "textops.so"
            loadmodule "siputils.so"

            request_route {
                if (!mf_process_maxfwd_header("70")) {
                    sl_send_reply("483", "Too Many Hops");
                    exit;
                }

                if (has_totag()) {
                    loose_route();
                } else if (is_method("INVITE")) {
                    record_route();
                }

                $du = "{{node}}";
                if (is_method("ACK")) {
                    # The ACK of a non-2xx is the transaction's own and absorbed; a 2xx ACK goes on to the node.
                    if (t_check_trans()) {
                        t_relay();
                    } else {
                        forward();
                    }
                    exit;
                }

                t_relay();
            }
            """;
    }

    private async Task WaitUntilListeningAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await _process.WaitAsync(TimeSpan.Zero) is { } exit)
            {
                throw new InvalidOperationException($"kamailio exited with {exit} while starting:\n{_process.Output}");
            }

            using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await probe.ConnectAsync(new IPEndPoint(IPAddress.Loopback, Port));
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        throw new InvalidOperationException($"kamailio did not listen on 127.0.0.1:{Port} within {timeout.TotalSeconds} s:\n{_process.Output}");
    }
}
