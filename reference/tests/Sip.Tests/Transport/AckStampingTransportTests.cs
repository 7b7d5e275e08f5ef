using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;
using Sip.Transport;

namespace Sip.Tests.Transport;

/// <summary>
/// A UDP transport that defers stamping ACKs (<see cref="UdpSipTransport.DefersAckStamping"/>) hands them over as
/// received and says so; every other request is stamped as before, and without the setting so is an ACK.
/// </summary>
public sealed class AckStampingTransportTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    [TestCase(true)]
    [TestCase(false)]
    public async Task AnAckIsLeftUnstampedOnlyWhenTheTransportDefersIt(bool defers)
    {
        var received = Channel.CreateUnbounded<InboundMessage>();
        await using var transport = new UdpSipTransport(new IPEndPoint(IPAddress.Loopback, 0)) { DefersAckStamping = defers };
        transport.Start(message =>
        {
            received.Writer.TryWrite(message);
            return ValueTask.CompletedTask;
        });
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        client.Bind(new IPEndPoint(IPAddress.Loopback, 0));

        await client.SendToAsync(Encoding.UTF8.GetBytes(Request("INVITE")), transport.LocalEndPoint);
        await client.SendToAsync(Encoding.UTF8.GetBytes(Request("ACK")), transport.LocalEndPoint);
        using var timeout = new CancellationTokenSource(Wait);
        var invite = await received.Reader.ReadAsync(timeout.Token);
        var ack = await received.Reader.ReadAsync(timeout.Token);

        Assert.Multiple(() =>
        {
            Assert.That((invite.ViaStamped, invite.Message.TopVia!.Received), Is.EqualTo((true, "127.0.0.1")), "an INVITE is stamped either way");
            Assert.That((ack.ViaStamped, ack.Message.TopVia!.Received), Is.EqualTo(defers ? (false, (string?)null) : (true, "127.0.0.1")));
        });
    }

    private static string Request(string method) =>
        SipMessages.Invite
            .Replace("INVITE sip:", method + " sip:", StringComparison.Ordinal)
            .Replace("314159 INVITE", "314159 " + method, StringComparison.Ordinal);
}
