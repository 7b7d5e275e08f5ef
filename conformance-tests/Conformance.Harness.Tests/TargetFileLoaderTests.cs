using Conformance.Harness.Targets;

namespace Conformance.Harness.Tests;

public sealed class TargetFileLoaderTests
{
    private static readonly string Targets = Path.Combine(AppContext.BaseDirectory, "targets");

    [TestCase("reference.json")]
    [TestCase("reference-rfc8688.json")]
    [TestCase("mutant-no-international-rule.json")]
    [TestCase("reference-node-on-defaults.json")]
    public void TheExampleTargetFilesLoad(string file) =>
        Assert.That(TargetFileLoader.Load(Path.Combine(Targets, file)).Description, Is.Not.Empty);

    [Test]
    public void AnExternalTargetGivesItsRealmsAndPeers()
    {
        var target = TargetFileLoader.Load(Path.Combine(Targets, "reference-node-on-defaults.json"));

        Assert.That(target.Realms["international"].Port, Is.EqualTo(5064));
        Assert.That(target.TerminatingPeer.Port, Is.EqualTo(5070));
    }

    [Test]
    public void ARealmMayListSeveralEntryPointsTheFirstOfWhichIsItsAddress()
    {
        var target = TargetFileLoader.Load(Path.Combine(Targets, "reference-cluster.json"));

        Assert.Multiple(() =>
        {
            Assert.That(target.EntryPoints["interconnect"].Select(e => e.Port), Is.EqualTo(new[] { 25012, 25022, 25032 }));
            Assert.That(target.Realms["interconnect"].Port, Is.EqualTo(25012));
            Assert.That(TargetFileLoader.Load(Path.Combine(Targets, "reference-node-on-defaults.json")).EntryPoints["international"], Has.Count.EqualTo(1));
        });
    }

    [Test]
    public void PixitNumbersAreReadForSystemsWithoutTheManagementApi()
    {
        var path = Path.Combine(Path.GetTempPath(), $"target-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{ "description": "x", "adapter": "reference", "pixit": { "doNotOriginate": "13800138000", "roaming": "+8613900139000" } }""");

        var target = TargetFileLoader.Load(path);

        Assert.That(target.Pixit, Is.EquivalentTo(new Dictionary<string, string> { ["doNotOriginate"] = "13800138000", ["roaming"] = "+8613900139000" }));
    }

    [TestCase("""{ "description": "x", "adapter": "reference", "colour": "red" }""", "$.colour", "not a known key")]
    [TestCase("""{ "description": "x" }""", "$.adapter", "is missing")]
    [TestCase("""{ "description": "x", "adapter": "magic" }""", "$.adapter", "reference, target-file")]
    [TestCase("""{ "description": "x", "adapter": "target-file" }""", "$.realms.international", "127.0.0.1:5064")]
    [TestCase("""{ "description": "x", "adapter": "target-file", "realms": { "international": 5064 } }""", "$.realms.international", "address:port")]
    [TestCase("""{ "description": "x", "adapter": "target-file", "realms": { "international": [] } }""", "$.realms.international", "empty list")]
    [TestCase("""{ "description": "x", "adapter": "target-file", "realms": { "international": ["127.0.0.1:5064", "127.0.0.1:5064"] } }""", "$.realms.international[1]", "second time")]
    [TestCase("""{ "description": "x", "adapter": "target-file", "realms": { "international": ["127.0.0.1:5064", 5074] } }""", "$.realms.international[1]", "address:port")]
    [TestCase("""{ "description": "x", "adapter": "reference", "timeouts": { "responseMs": -1 } }""", "$.timeouts.responseMs", "positive")]
    [TestCase("""{ "description": "x", "adapter": "reference", "pics": { "INT-INTL": "yes" } }""", "$.pics.INT-INTL", "true or false")]
    [TestCase("""{ "description": "x", "adapter": "reference", "signallingProfile": "sip-403" }""", "$.signallingProfile", "atis-603plus")]
    [TestCase("{ \"description\": \"x\",\n  \"adapter\": }", "line 2", "not valid JSON")]
    [TestCase("""{ "description": "x", "adapter": "reference", "pixit": { "doNotOriginate": "call me" } }""", "$.pixit.doNotOriginate", "the telephone number the lab provisioned")]
    [TestCase("""{ "description": "x", "adapter": "reference", "pixit": { "blocked": "13800138000" } }""", "$.pixit.blocked", "not a known key")]
    public void ABadTargetFileIsRefusedNamingTheFileThePlaceAndTheFix(string json, string place, string hint)
    {
        var path = Path.Combine(Path.GetTempPath(), $"target-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        try
        {
            var error = Assert.Throws<TargetFileException>(() => TargetFileLoader.Load(path));

            Assert.That(error!.Message, Does.StartWith(path).And.Contain(place).And.Contain(hint));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void AMissingTargetFileSaysWhatToPass()
    {
        var error = Assert.Throws<TargetFileException>(() => TargetFileLoader.Load("/nonexistent/target.json"));

        Assert.That(error!.Message, Does.Contain("--target"));
    }
}
