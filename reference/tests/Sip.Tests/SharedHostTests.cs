namespace Sip.Tests;

/// <summary>Parsed Vias and URIs share host strings while the hosts repeat, and never hand back the wrong one.</summary>
public sealed class SharedHostTests
{
    [Test]
    public void TwoHostsInTurnKeepTheirStringsAndAThirdPushesTheOlderOut()
    {
        var trunk = SharedHost.For("192.0.2.10"u8);
        var domain = SharedHost.For("example.com"u8);

        Assert.Multiple(() =>
        {
            Assert.That(SharedHost.For("192.0.2.10"u8), Is.SameAs(trunk));
            Assert.That(SharedHost.For("example.com"u8), Is.SameAs(domain));
            Assert.That(SharedHost.For("192.0.2.1"u8), Is.EqualTo("192.0.2.1"), "a prefix of a remembered host is another host");
            Assert.That(SharedHost.For("example.com"u8), Is.SameAs(domain));
            Assert.That(SharedHost.For("192.0.2.10"u8), Is.Not.SameAs(trunk).And.EqualTo("192.0.2.10"));
        });
    }

    [Test]
    public void ParsedViasAndUrisFromTheSameHostShareIt()
    {
        Assert.That(ViaHeader.TryParse("SIP/2.0/UDP 192.0.2.77:5060;branch=z9hG4bK-1", out var first), Is.True);
        Assert.That(SipUri.TryParse("sip:13812345678@192.0.2.77;user=phone", out var uri), Is.True);
        Assert.That(ViaHeader.TryParse("SIP/2.0/UDP 192.0.2.77:5062;branch=z9hG4bK-2", out var second), Is.True);

        Assert.Multiple(() =>
        {
            Assert.That(second.Host, Is.SameAs(first.Host));
            Assert.That(uri.Host, Is.SameAs(first.Host));
        });
    }
}
