using System.Net;
using System.Net.Sockets;

namespace Reference.Tests;

/// <summary>The node's TCP listeners take their per-source bound from Sip:TcpMaxConnectionsPerSource.</summary>
[NonParallelizable]
public sealed class TcpSourceLimitNodeTests
{
    [Test]
    public async Task ARealmRefusesConnectionsFromOneAddressPastTheConfiguredBound()
    {
        await using var node = await ProxyingNode.StartAsync(new IPEndPoint(IPAddress.Loopback, 9), "--Sip:Tcp=true", "--Sip:TcpMaxConnectionsPerSource=2");
        var sockets = new List<Socket>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                await socket.ConnectAsync(node.International);
                sockets.Add(socket);
            }

            var closed = new List<bool>();
            foreach (var socket in sockets)
            {
                closed.Add(await ClosedByNodeAsync(socket));
            }

            Assert.That(closed, Is.EqualTo(new[] { false, false, true }), "the third connection from the same address is closed at once");
        }
        finally
        {
            sockets.ForEach(s => s.Dispose());
        }
    }

    [Test]
    public void ABoundOfZeroIsRefusedAtStart()
    {
        var failure = Assert.ThrowsAsync<InvalidOperationException>(async () =>
            await ProxyingNode.StartAsync(new IPEndPoint(IPAddress.Loopback, 9), "--Sip:TcpMaxConnectionsPerSource=0"));

        Assert.That(failure!.Message, Does.Contain("Sip:TcpMaxConnectionsPerSource"));
    }

    private static async Task<bool> ClosedByNodeAsync(Socket socket)
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
}
