using Conformance.Harness.Targets;

namespace Conformance.Harness.Tests;

/// <summary>The target keys of labelling and warnings: where the suite's SMSC and push sink listen, and the label threshold.</summary>
public sealed class TargetFileWarningKeysTests
{
    [Test]
    public void PeersAndLabelParametersAreRead()
    {
        var target = Load("""
            { "description": "x", "adapter": "reference",
              "peers": { "smsc": "127.0.0.1:2775", "push": "127.0.0.1:8099" },
              "parameters": { "labelReporters": 3, "labelWindowDays": 7 } }
            """);
        Assert.That((target.SmscPeer.Port, target.PushPeer.Port, target.Parameters.LabelReporters, target.Parameters.LabelWindowDays), Is.EqualTo((2775, 8099, 3, 7)));
        Assert.That(target.Parameters.AsReferenceArguments(), Does.Contain("--Labelling:Reporters=3").And.Contain("--Labelling:WindowDays=7"));
    }

    [Test]
    public void WithoutThemTheDefaultsApply()
    {
        var target = Load("""{ "description": "x", "adapter": "reference" }""");
        Assert.That((target.SmscPeer.Port, target.PushPeer.Port, target.Parameters.LabelReporters, target.Parameters.LabelWindowDays), Is.EqualTo((0, 0, 10, 30)));
    }

    [TestCase("""{ "description": "x", "adapter": "reference", "peers": { "smsc": 2775 } }""", "$.peers.smsc")]
    [TestCase("""{ "description": "x", "adapter": "reference", "parameters": { "labelReporters": 0 } }""", "$.parameters.labelReporters")]
    public void BadValuesAreRefusedNamingThePlace(string json, string place)
    {
        var error = Assert.Throws<TargetFileException>(() => Load(json));
        Assert.That(error!.Message, Does.Contain(place));
    }

    private static TargetFile Load(string json)
    {
        var path = Path.Combine(Path.GetTempPath(), $"target-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        try
        {
            return TargetFileLoader.Load(path);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
