using System.Net;
using System.Net.Sockets;
using System.Text;
using Conformance.Harness.Calls;

namespace Conformance.Harness.Tests.Calls;

/// <summary>The callee side keeps every datagram and every TCP byte it receives, parsed or not, and answers the INVITEs among them.</summary>
public sealed class TerminatingUaTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    [Test]
    public async Task Keeps_a_datagram_that_is_not_sip()
    {
        await using var callee = new TerminatingUa(new IPEndPoint(IPAddress.Loopback, 0));
        using var peer = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var mark = callee.Mark();
        var garbage = new byte[300];
        new Random(3).NextBytes(garbage);

        await peer.SendAsync(garbage, callee.LocalEndPoint);

        var arrival = await WaitForAsync(callee, mark);
        Assert.That(arrival.Bytes, Is.EqualTo(garbage));
        Assert.That(arrival.Message, Is.Null);
        Assert.That(arrival.Transport, Is.EqualTo("UDP"));
    }

    [Test]
    public async Task Keeps_the_bytes_of_a_tcp_connection_on_the_same_port()
    {
        await using var callee = new TerminatingUa(new IPEndPoint(IPAddress.Loopback, 0));
        using var client = new TcpClient();
        var mark = callee.Mark();

        await client.ConnectAsync(callee.LocalEndPoint);
        await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes("INVITE sip:13912345678@x SIP/2.0\r\n"));

        var arrival = await WaitForAsync(callee, mark);
        Assert.That(Encoding.ASCII.GetString(arrival.Bytes), Does.Contain("13912345678"));
        Assert.That(arrival.Transport, Is.EqualTo("TCP"));
        Assert.That(arrival.Connection, Is.GreaterThan(0));
    }

    [Test]
    public async Task Answers_an_invite_and_keeps_its_bytes_as_received()
    {
        await using var callee = new TerminatingUa(new IPEndPoint(IPAddress.Loopback, 0));
        using var peer = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var local = (IPEndPoint)peer.Client.LocalEndPoint!;
        var invite = Encoding.ASCII.GetBytes(
            "INVITE sip:13912345678@127.0.0.1 SIP/2.0\r\n" +
            $"Via: SIP/2.0/UDP {local};branch=z9hG4bKtest1\r\n" +
            "From:   <sip:02161234567@127.0.0.1>;tag=abc\r\n" +
            "To: <sip:13912345678@127.0.0.1>\r\n" +
            "Call-ID: raw-1@test\r\n" +
            "CSeq: 1 INVITE\r\n" +
            "Max-Forwards: 70\r\n" +
            "Content-Length: 0\r\n\r\n");

        await peer.SendAsync(invite, callee.LocalEndPoint);

        var ringing = await peer.ReceiveAsync().WaitAsync(Wait);
        var ok = await peer.ReceiveAsync().WaitAsync(Wait);
        Assert.That(Encoding.ASCII.GetString(ringing.Buffer), Does.StartWith("SIP/2.0 180"));
        Assert.That(Encoding.ASCII.GetString(ok.Buffer), Does.StartWith("SIP/2.0 200"));
        Assert.That(callee.InvitesFor("13912345678"), Has.Count.EqualTo(1));
        Assert.That(callee.RawInvite("raw-1@test"), Is.EqualTo(invite), "the INVITE's bytes are kept exactly as they arrived");
    }

    private static async Task<CalleeArrival> WaitForAsync(TerminatingUa callee, long mark)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (DateTime.UtcNow < deadline)
        {
            if (callee.ArrivalsSince(mark) is [var first, ..])
            {
                return first;
            }

            await Task.Delay(10);
        }

        Assert.Fail("nothing reached the callee side");
        throw new InvalidOperationException();
    }
}
