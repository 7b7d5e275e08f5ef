using System.Text.Json;
using Conformance.Harness.Targets;
using Json.Schema;

namespace Conformance.Harness.Tests;

/// <summary>
/// spec/schemas/target-file.schema.json is what vendors read and their editors check against: every example we ship
/// must validate, and what the loader refuses the schema must refuse too.
/// </summary>
public sealed class TargetFileSchemaTests
{
    private static readonly string Targets = Path.Combine(AppContext.BaseDirectory, "targets");
    internal static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "schemas", "target-file.schema.json"))));

    public static IEnumerable<string> Examples() =>
        Directory.EnumerateFiles(Targets, "*.json", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Targets, f)).Order(StringComparer.Ordinal);

    /// <summary>A custom adapter's assembly exists only once it is built, so those examples are checked by schema only.</summary>
    public static IEnumerable<string> BuiltInAdapterExamples() =>
        Examples().Where(e => !File.ReadAllText(Path.Combine(Targets, e)).Contains(".dll\"", StringComparison.Ordinal));

    [Test]
    public void ThereAreExamplesToCheck() => Assert.That(Examples().Count(), Is.GreaterThanOrEqualTo(6));

    [TestCaseSource(nameof(Examples))]
    public void EveryShippedExampleValidates(string example)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Targets, example)));

        var result = Schema.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });

        Assert.That(result.IsValid, Is.True, JsonSerializer.Serialize(result));
    }

    [TestCaseSource(nameof(BuiltInAdapterExamples))]
    public void EveryShippedExampleWithABuiltInAdapterLoads(string example)
    {
        var path = Path.Combine(Targets, example);
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var adapter = document.RootElement.GetProperty("adapter").GetString()!;

        Assert.That(TargetFileLoader.Load(path).Adapter, Is.EqualTo(adapter));
    }

    [TestCase("""{ "description": "d", "adapter": "reference", "realm": {} }""", TestName = "an unknown key")]
    [TestCase("""{ "description": "d", "adapter": "acme" }""", TestName = "an adapter that is neither built in nor a dll")]
    [TestCase("""{ "adapter": "reference" }""", TestName = "no description")]
    [TestCase("""{ "description": "d", "adapter": "generic", "realms": { "international": "127.0.0.1:5064" } }""", TestName = "generic without a management API")]
    [TestCase("""{ "description": "d", "adapter": "generic", "realms": { "access": "127.0.0.1:5060" }, "management": { "url": "http://127.0.0.1:1" } }""", TestName = "generic without the international realm")]
    [TestCase("""{ "description": "d", "adapter": "reference", "management": { "url": "http://h", "tokenVariable": "s3cr3t value" } }""", TestName = "a token where a variable name belongs")]
    [TestCase("""{ "description": "d", "adapter": "reference", "management": { "url": "ftp://h" } }""", TestName = "a management URL that is not http")]
    [TestCase("""{ "description": "d", "adapter": "reference", "peers": { "terminating": "localhost" } }""", TestName = "an endpoint without a port")]
    [TestCase("""{ "description": "d", "adapter": "target-file", "realms": { "international": [] } }""", TestName = "an empty list of entry points")]
    [TestCase("""{ "description": "d", "adapter": "target-file", "realms": { "international": ["127.0.0.1:5064", "127.0.0.1:5064"] } }""", TestName = "an entry point listed twice")]
    [TestCase("""{ "description": "d", "adapter": "reference", "timeouts": { "responseMs": 0 } }""", TestName = "a zero timeout")]
    [TestCase("""{ "description": "d", "adapter": "reference", "pics": { "INT-INTL": "yes" } }""", TestName = "a PICS answer that is not a boolean")]
    [TestCase("""{ "description": "d", "adapter": "reference", "parameters": { "callingHours": "8-21" } }""", TestName = "calling hours in the wrong form")]
    [TestCase("""{ "description": "d", "adapter": "reference", "parameters": { "reportTextLimit": -1 } }""", TestName = "a negative report text limit")]
    [TestCase("""{ "description": "d", "adapter": "reference", "deviations": "" }""", TestName = "an empty deviations path")]
    [TestCase("""{ "description": "d", "adapter": "reference", "deviations": ["known.json"] }""", TestName = "deviations that are not a path")]
    public void WhatTheLoaderRefusesTheSchemaRefuses(string json)
    {
        var path = Path.Combine(Path.GetTempPath(), "conformance-schema-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, json);
        try
        {
            using var document = JsonDocument.Parse(json);
            Assert.Multiple(() =>
            {
                Assert.That(() => TargetFileLoader.Load(path), Throws.TypeOf<TargetFileException>());
                Assert.That(Schema.Value.Evaluate(document.RootElement).IsValid, Is.False);
            });
        }
        finally
        {
            File.Delete(path);
        }
    }
}
