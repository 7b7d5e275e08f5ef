using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Sip.Transport;

namespace Sip.Tests.Transport;

/// <summary>
/// What keeps one source from shutting TCP out of a realm: a bound on connections per address, and a bound on how
/// long CRLF keep-alives alone may hold a connection open.
/// </summary>
public sealed class TcpSourceLimitsTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    private readonly FakeTimeProvider _time = new();
    private int _handled;
    private TcpSipTransport _transport = null!;

    [SetUp]
    public void StartTransport()
    {
        var options = new TcpTransportOptions
        {
            IdleTimeout = TimeSpan.FromSeconds(30),
            KeepAliveOnlyTimeout = TimeSpan.FromSeconds(60),
            MaxConnectionsPerSource = 3,
        };
        _transport = new TcpSipTransport(new IPEndPoint(IPAddress.Loopback, 0), options, time: _time);
        _transport.Start(inbound =>
        {
            Interlocked.Increment(ref _handled);
            inbound.Message.Release();
            return ValueTask.CompletedTask;
        });
    }

    [TearDown]
    public async Task StopTransport() => await _transport.DisposeAsync();

    [Test]
    public async Task ConnectionsFromOneAddressBeyondTheBoundAreRefusedAndOthersStillGetIn()
    {
        var sockets = new List<Socket>();
        try
        {
            for (var i = 0; i < 5; i++)
            {
                sockets.Add(await ConnectAsync(IPAddress.Loopback));
            }

            await WaitForAsync(() => _transport.RefusedConnections == 2, "two refusals");
            var closed = await Task.WhenAll(sockets.Select(ClosedByServerAsync));
            sockets.Add(await ConnectAsync(IPAddress.Parse("127.0.0.2")));
            await WaitForAsync(() => _transport.ConnectionCount == 4, "the other address's connection");

            sockets[0].Dispose();
            await WaitForAsync(() => _transport.ConnectionCount == 3, "the freed connection gone");
            sockets.Add(await ConnectAsync(IPAddress.Loopback));
            await WaitForAsync(() => _transport.ConnectionCount == 4, "a connection in the freed place");

            Assert.Multiple(() =>
            {
                Assert.That(closed.Count(c => c), Is.EqualTo(2), "exactly the connections past the bound are closed");
                Assert.That(_transport.RefusedConnections, Is.EqualTo(2));
            });
        }
        finally
        {
            sockets.ForEach(s => s.Dispose());
        }
    }

    [Test]
    public async Task KeepAlivesAloneHoldAConnectionOnlyUntilTheKeepAliveOnlyTimeout()
    {
        using var pinging = await ConnectAsync(IPAddress.Loopback);
        using var talking = await ConnectAsync(IPAddress.Loopback);
        await WaitForAsync(() => _transport.ConnectionCount == 2, "both connections");
        var request = Encoding.UTF8.GetBytes(SipMessages.Invite);

        // Every 20 s (inside the 30 s idle timeout) one pings and the other sends a request, for 100 s.
        for (var round = 1; round <= 5; round++)
        {
            if (round <= 4)
            {
                await pinging.SendAsync("\r\n\r\n"u8.ToArray());
                Assert.That(await ReadAsync(pinging, 2), Is.EqualTo("\r\n"), "the ping is answered while the connection is open");
            }

            await talking.SendAsync(request);
            await WaitForAsync(() => Volatile.Read(ref _handled) == round, "the request handled");
            _time.Advance(TimeSpan.FromSeconds(20));
        }

        await WaitForAsync(() => _transport.KeepAliveOnlyClosed == 1, "the pinging connection closed");
        Assert.Multiple(async () =>
        {
            Assert.That(await ClosedByServerAsync(pinging), Is.True, "pings alone no longer hold the connection");
            Assert.That(_transport.ConnectionCount, Is.EqualTo(1), "the connection carrying requests stays");
        });
    }

    [Test]
    public async Task AConnectionPingingWithinTheTimeoutIsKept()
    {
        using var pinging = await ConnectAsync(IPAddress.Loopback);
        await WaitForAsync(() => _transport.ConnectionCount == 1, "the connection");

        for (var round = 0; round < 2; round++)
        {
            await pinging.SendAsync("\r\n\r\n"u8.ToArray());
            Assert.That(await ReadAsync(pinging, 2), Is.EqualTo("\r\n"));
            _time.Advance(TimeSpan.FromSeconds(25));
        }

        Assert.Multiple(() =>
        {
            Assert.That(_transport.ConnectionCount, Is.EqualTo(1), "50 s of pings is within the keep-alive-only bound of 60 s");
            Assert.That(_transport.KeepAliveOnlyClosed, Is.Zero);
        });
    }

    private async Task<Socket> ConnectAsync(IPAddress from)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        socket.Bind(new IPEndPoint(from, 0));
        await socket.ConnectAsync(_transport.LocalEndPoint);
        return socket;
    }

    /// <summary>True when the server closed the socket: a read ends at once with nothing (or a reset).</summary>
    private static async Task<bool> ClosedByServerAsync(Socket socket)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        try
        {
            return await socket.ReceiveAsync(new byte[16], SocketFlags.None, timeout.Token) == 0;
        }
        catch (SocketException)
        {
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static async Task<string> ReadAsync(Socket socket, int count)
    {
        using var timeout = new CancellationTokenSource(Wait);
        var buffer = new byte[count];
        var filled = 0;
        while (filled < count)
        {
            var read = await socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, timeout.Token);
            if (read == 0)
            {
                break;
            }

            filled += read;
        }

        return Encoding.ASCII.GetString(buffer, 0, filled);
    }

    private static async Task WaitForAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        Assert.That(condition(), Is.True, $"waited for {what}");
    }
}
