using Conformance.Harness.Targets;

namespace Conformance.Harness.Tests;

/// <summary>A target file may name its system's known-deviations file, relative to itself.</summary>
public sealed class TargetFileDeviationsTests
{
    [Test]
    public void ARelativeDeviationsPathIsResolvedBesideTheTargetFile()
    {
        var directory = Directory.CreateTempSubdirectory("target-deviations-").FullName;
        Directory.CreateDirectory(Path.Combine(directory, "lab"));
        File.WriteAllText(Path.Combine(directory, "lab", "known.json"), """{ "deviations": [] }""");
        var path = Path.Combine(directory, "target.json");
        File.WriteAllText(path, """{ "description": "x", "adapter": "reference", "deviations": "lab/known.json" }""");

        var target = TargetFileLoader.Load(path);

        Assert.That(target.DeviationsPath, Is.EqualTo(Path.Combine(directory, "lab", "known.json")));
    }

    [Test]
    public void ATargetWithoutDeviationsNamesNone()
    {
        var directory = Directory.CreateTempSubdirectory("target-deviations-").FullName;
        var path = Path.Combine(directory, "target.json");
        File.WriteAllText(path, """{ "description": "x", "adapter": "reference" }""");

        Assert.That(TargetFileLoader.Load(path).DeviationsPath, Is.Null);
    }

    [Test]
    public void AMissingDeviationsFileIsRefusedNamingThePlaceAndTheFile()
    {
        var directory = Directory.CreateTempSubdirectory("target-deviations-").FullName;
        var path = Path.Combine(directory, "target.json");
        File.WriteAllText(path, """{ "description": "x", "adapter": "reference", "deviations": "nowhere.json" }""");

        Assert.That(() => TargetFileLoader.Load(path), Throws.TypeOf<TargetFileException>()
            .With.Message.Contains("$.deviations").And.Message.Contains(Path.Combine(directory, "nowhere.json")).And.Message.Contains("does not exist"));
    }
}
