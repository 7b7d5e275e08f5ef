using System.Globalization;

namespace Interop.Tests;

/// <summary>sipsak, a second independent implementation, asks the node for its capabilities with OPTIONS.</summary>
[NonParallelizable]
public sealed class SipsakInteropTests
{
    [Test]
    public async Task OptionsToTheNodeIsAnsweredWith200()
    {
        if (!PeerProcess.IsInstalled("sipsak"))
        {
            Assert.Ignore("sipsak is not installed (Debian package sipsak; .ci/install adds it)");
        }

        await using var node = await NodeUnderTest.StartAsync(FreePort.Next(), "udp");

        using var sipsak = PeerProcess.Start("sipsak",
            ["-vv", "-s", $"sip:127.0.0.1:{node.International.Port.ToString(CultureInfo.InvariantCulture)}",
             "-l", FreePort.Next().ToString(CultureInfo.InvariantCulture)], AppContext.BaseDirectory);
        var exit = await sipsak.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.That(exit, Is.Zero, sipsak.Output);
        Assert.That(sipsak.Output, Does.Contain("SIP/2.0 200"));
    }
}
