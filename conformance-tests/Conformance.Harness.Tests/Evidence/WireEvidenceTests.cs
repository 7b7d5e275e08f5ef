using System.Net;
using System.Net.Sockets;
using System.Text;
using Conformance.Harness.Evidence;
using Conformance.Harness.Calls;

namespace Conformance.Harness.Tests.Evidence;

/// <summary>A scenario's evidence holds both sides of the wire, in the order things happened, named and timed to the microsecond.</summary>
public sealed class WireEvidenceTests
{
    [Test]
    public void Entries_are_listed_in_time_order_to_the_microsecond_with_the_realm_named()
    {
        var log = new EvidenceLog(TimeProvider.System);
        var realm = new IPEndPoint(IPAddress.Loopback, 5064);
        var caller = new IPEndPoint(IPAddress.Loopback, 40100);
        log.Name(realm, "international realm");
        var at = new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

        log.RecordWire(new WireRecord(at.AddTicks(20), "UDP", realm, caller, Encoding.ASCII.GetBytes("SIP/2.0 603 Decline\r\n\r\n")));
        log.RecordWire(new WireRecord(at.AddTicks(10), "UDP", caller, realm, Encoding.ASCII.GetBytes("INVITE sip:1@x SIP/2.0\r\n\r\n")));

        var entries = log.Entries;
        Assert.That(entries, Has.Count.EqualTo(2));
        Assert.That(entries[0], Does.StartWith("12:00:00.000001 127.0.0.1:40100 → international realm 127.0.0.1:5064 over UDP, 26 bytes: INVITE sip:1@x SIP/2.0"));
        Assert.That(entries[1], Does.StartWith("12:00:00.000002 international realm 127.0.0.1:5064 → 127.0.0.1:40100"));
        Assert.That(log.Wire.Select(w => w.At), Is.Ordered);
    }

    [Test]
    public async Task The_callee_gives_up_what_reached_it_and_what_it_answered_since_a_moment()
    {
        await using var callee = new TerminatingUa(new IPEndPoint(IPAddress.Loopback, 0));
        using var peer = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var local = (IPEndPoint)peer.Client.LocalEndPoint!;
        var since = DateTimeOffset.UtcNow;
        var invite = Encoding.ASCII.GetBytes(
            "INVITE sip:13912345678@127.0.0.1 SIP/2.0\r\n" +
            $"Via: SIP/2.0/UDP {local};branch=z9hG4bKwire1\r\n" +
            "From: <sip:02161234567@127.0.0.1>;tag=abc\r\nTo: <sip:13912345678@127.0.0.1>\r\n" +
            "Call-ID: wire-1@test\r\nCSeq: 1 INVITE\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n");

        await peer.SendAsync(invite, callee.LocalEndPoint);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (callee.WireSince(since).Count < 3 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        var wire = callee.WireSince(since);
        Assert.That(wire.Select(w => Encoding.ASCII.GetString(w.Bytes).Split("\r\n")[0]),
            Is.EqualTo(new[] { "INVITE sip:13912345678@127.0.0.1 SIP/2.0", "SIP/2.0 180 Ringing", "SIP/2.0 200 OK" }));
        Assert.That(wire[0].Bytes, Is.EqualTo(invite), "the arrival is kept byte for byte");
        Assert.That(wire[0].Source, Is.EqualTo(local));
        Assert.That(wire[0].Note, Is.EqualTo("arrival #1"));
        Assert.That(wire[1].Destination, Is.EqualTo(local));
        Assert.That(callee.WireSince(DateTimeOffset.UtcNow.AddSeconds(1)), Is.Empty);
    }
}
