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

    [TestCase("<sip:alice@example.com>;tag=a1", true)]
    [TestCase("<sip:alice@example.com>;TAG=a1", true, TestName = "a name compares without case")]
    [TestCase("sip:alice@example.com;tag=a1", true, TestName = "an addr-spec's parameters are the header's")]
    [TestCase("<sip:alice@example.com;tag=a1>", false, TestName = "a URI's own parameter is not the header's")]
    [TestCase("\"Bob <x>;tag=1;y=\" <sip:bob@example.com>", false, TestName = "a quoted display name is not read")]
    [TestCase("<sip:bob@example.com>;note=\"a;tag=1\"", false, TestName = "a quoted value is not read")]
    [TestCase("<sip:bob@example.com>;tagged=1", false)]
    [TestCase("<sip:bob@example.com", false)]
    public void AHeaderParameterIsFoundOnlyWhereTheHeaderHasIt(string value, bool found) =>
        Assert.That(NameAddress.HasParameter(value, "tag"), Is.EqualTo(found));
}
