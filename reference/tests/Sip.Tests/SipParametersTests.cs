namespace Sip.Tests;

/// <summary><c>;name[=value]</c> parameters keep their order through setting, replacing and removing, whatever their count.</summary>
public sealed class SipParametersTests
{
    [Test]
    public void SettingReplacingAndRemovingKeepTheOrderOfTheRest()
    {
        Assert.That(SipParameters.TryParse("branch=z9hG4bK1;rport;Received=192.0.2.1;ttl=16;maddr=239.255.255.1", ';', out var parameters), Is.True);

        parameters.Set("rport", "5062");
        parameters.Set("alias", null);
        var removed = parameters.Remove("received");
        var removedAgain = parameters.Remove("received");

        Assert.Multiple(() =>
        {
            Assert.That(removed, Is.True, "names compare without case");
            Assert.That(removedAgain, Is.False);
            Assert.That(parameters.Count, Is.EqualTo(5));
            Assert.That(parameters.ToString(), Is.EqualTo(";branch=z9hG4bK1;rport=5062;ttl=16;maddr=239.255.255.1;alias"));
            Assert.That(parameters.Items.Select(p => p.Key), Is.EqualTo(new[] { "branch", "rport", "ttl", "maddr", "alias" }));
            Assert.That(parameters["RPORT"], Is.EqualTo("5062"));
        });
    }

    [Test]
    public void AnEmptySetGrowsAsParametersAreAdded()
    {
        var parameters = new SipParameters();
        for (var i = 0; i < 9; i++)
        {
            parameters.Set($"p{i}", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        Assert.Multiple(() =>
        {
            Assert.That(parameters.Count, Is.EqualTo(9));
            Assert.That(parameters["p0"], Is.EqualTo("0"));
            Assert.That(parameters["p8"], Is.EqualTo("8"));
            Assert.That(parameters.Remove("p4"), Is.True);
            Assert.That(parameters.Items.Select(p => p.Key), Is.EqualTo(new[] { "p0", "p1", "p2", "p3", "p5", "p6", "p7", "p8" }));
        });
    }
}
