using System.Net;
using System.Net.Sockets;
using System.Text;
using Sip.Transport;

namespace Sip.Tests.Transport;

/// <summary>
/// Sends held on a thread that is no receive loop (the one releasing answers held for their call records): nothing
/// leaves until the scope ends, then all of it in one call per transport; a thread without the scope sends at once.
/// </summary>
public sealed class CoalescedSendsTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Test]
    public async Task DatagramsSentInTheScopeLeaveTogetherWhenItEnds()
    {
        await using var transport = new UdpSipTransport(new IPEndPoint(IPAddress.Loopback, 0), batched: true);
        Assume.That(transport.Batched, "recvmmsg and sendmmsg are Linux calls; elsewhere sends are not held");
        using var peer = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        peer.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var target = (IPEndPoint)peer.LocalEndPoint!;

        var queuedBeforeEnd = await Task.Run(async () =>
        {
            using var sends = new CoalescedSends();
            sends.Begin();
            for (var i = 0; i < 3; i++)
            {
                await transport.SendBytesAsync(Encoding.ASCII.GetBytes($"datagram {i}"), target);
            }

            // Loopback delivers a datagram within the send call: one sent would be queued at the peer by now.
            var queued = peer.Available;
            sends.End();
            return queued;
        });

        var received = new List<string>();
        var buffer = new byte[100];
        using var timeout = new CancellationTokenSource(Wait);
        while (received.Count < 3)
        {
            var length = await peer.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            received.Add(Encoding.ASCII.GetString(buffer, 0, length));
        }

        Assert.Multiple(() =>
        {
            Assert.That(queuedBeforeEnd, Is.Zero, "nothing left before the scope ended");
            Assert.That(received, Is.EqualTo(new[] { "datagram 0", "datagram 1", "datagram 2" }), "all of them, in order, once it did");
            Assert.That(transport.LargestSendBatch, Is.EqualTo(3), "in one call");
        });
    }

    [Test]
    public async Task WithoutTheScopeADatagramLeavesAtOnce()
    {
        await using var transport = new UdpSipTransport(new IPEndPoint(IPAddress.Loopback, 0), batched: true);
        using var peer = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        peer.Bind(new IPEndPoint(IPAddress.Loopback, 0));

        var queued = await Task.Run(async () =>
        {
            await transport.SendBytesAsync("alone"u8.ToArray(), (IPEndPoint)peer.LocalEndPoint!);
            return peer.Available;
        });

        Assert.That(queued, Is.GreaterThan(0));
    }
}
