using Microsoft.Extensions.Configuration;

namespace Reference.Tests;

/// <summary>One list of mutant names reaches the section that knows each; a name no section knows stops the node.</summary>
public sealed class MutantSwitchesTests
{
    private static IConfiguration Routed(params string[] names)
    {
        var configuration = new ConfigurationManager();
        configuration.AddInMemoryCollection(names.Select((n, i) => new KeyValuePair<string, string?>($"Mutants:{i}", n)));
        MutantSwitches.Route(configuration, configuration, ["bombing"]);
        return configuration;
    }

    [Test]
    public void EachNameReachesItsSection()
    {
        var configuration = Routed("bombing", "emergency-bypass", "appeals", "push-retry", "stir-x5u");

        Assert.Multiple(() =>
        {
            Assert.That(configuration.GetSection("Screening:DisabledRules").Get<string[]>(), Is.EqualTo(new[] { "bombing", "emergency-bypass" }));
            Assert.That(configuration.GetSection("Labelling:DisabledRules").Get<string[]>(), Is.EqualTo(new[] { "appeals" }));
            Assert.That(configuration.GetSection("Warnings:DisabledRules").Get<string[]>(), Is.EqualTo(new[] { "push-retry" }));
            Assert.That(configuration.GetSection("Stir:DisabledChecks").Get<string[]>(), Is.EqualTo(new[] { "x5u" }));
        });
    }

    [Test]
    public void ANameNoSectionKnowsIsRefusedNamingIt() =>
        Assert.That(() => Routed("no-such-mutant"), Throws.InvalidOperationException.With.Message.Contains("no-such-mutant").And.Message.Contains("stir-verstat"));
}
