using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Conformance.SpecModel;
using Json.Schema;

namespace Conformance.Reporting.Tests;

/// <summary>Each part of the bundle in its own format: JSON Schemas, Cucumber Messages, JUnit XML, readable evidence.</summary>
public sealed class BundleFormatsTests
{
    private static readonly Lazy<string> Bundle = new(() => SampleBundle.Write());

    // The schema library registers each $id once per process, so each schema is built once.
    private static readonly Dictionary<string, JsonSchema> Schemas = new(StringComparer.Ordinal);

    private static JsonSchema Schema(string file)
    {
        lock (Schemas)
        {
            if (!Schemas.TryGetValue(file, out var schema))
            {
                schema = JsonSchema.FromText(File.ReadAllText(Path.Combine(SampleBundle.Spec, "schemas", file)));
                Schemas[file] = schema;
            }

            return schema;
        }
    }

    [TestCase("conformance-report.json", "conformance-report.schema.json")]
    [TestCase("manifest.json", "manifest.schema.json")]
    public void TheFileMatchesItsPublishedSchema(string file, string schemaFile)
    {
        var schema = Schema(schemaFile);
        using var document = SampleBundle.Json(Path.Combine(Bundle.Value, file));

        var result = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });

        Assert.That(result.IsValid, Is.True, JsonSerializer.Serialize(result));
    }

    [TestCase("""{ "deviations": [ { "requirement": "INT-SIG-001", "reason": "sent as 486 until release 5" } ] }""", true)]
    [TestCase("""{ "deviations": [ { "requirement": "INT-SIG-001" } ] }""", false)]
    [TestCase("""{ "deviations": [], "extra": 1 }""", false)]
    public void TheKnownDeviationsSchemaAgreesWithTheLoader(string json, bool valid)
    {
        using var document = JsonDocument.Parse(json);
        var catalogue = RequirementCatalogue.Load(Path.Combine(SampleBundle.Spec, "requirements.yaml"));
        var path = Path.Combine(SampleBundle.NewDirectory(), "deviations.json");
        File.WriteAllText(path, json);

        Assert.That(Schema("known-deviations.schema.json").Evaluate(document.RootElement).IsValid, Is.EqualTo(valid));
        Assert.That(() => KnownDeviationsFile.Load(path, catalogue), valid ? Throws.Nothing : Throws.TypeOf<FormatException>());
    }

    [Test]
    public void TheSchemaRejectsAnUnknownVerdict()
    {
        var schema = Schema("conformance-report.schema.json");
        var report = JsonNode.Parse(File.ReadAllText(Path.Combine(Bundle.Value, "conformance-report.json")))!;
        report["requirements"]![0]!["verdict"] = "probably";

        using var document = JsonDocument.Parse(report.ToJsonString());
        var result = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.That(result.IsValid, Is.False, JsonSerializer.Serialize(result));
    }

    [Test]
    public void CucumberMessagesHaveAPickleAndATestCasePerScenarioThatRan()
    {
        var lines = File.ReadAllLines(Path.Combine(Bundle.Value, "messages.ndjson"));
        var envelopes = lines.Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        string[] Kinds(JsonObject e) => e.Select(p => p.Key).ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(Kinds(envelopes[0]), Is.EqualTo(new[] { "meta" }));
            Assert.That(envelopes.Count(e => e.ContainsKey("pickle")), Is.EqualTo(3));
            Assert.That(envelopes.Count(e => e.ContainsKey("testCase")), Is.EqualTo(3));
            Assert.That(envelopes.Count(e => e.ContainsKey("gherkinDocument")),
                Is.EqualTo(Directory.GetFiles(Path.Combine(SampleBundle.Spec, "features"), "*.feature", SearchOption.AllDirectories).Length),
                "one gherkinDocument per feature file of the spec, whether or not its scenarios ran");
            Assert.That(envelopes[^1].ContainsKey("testRunFinished"), Is.True);
            Assert.That(envelopes.Where(e => e.ContainsKey("source")).Select(e => (string?)e["source"]!["mediaType"]), Is.All.EqualTo("text/x.cucumber.gherkin+plain"));
            var statuses = envelopes.Where(e => e.ContainsKey("testStepFinished")).Select(e => (string?)e["testStepFinished"]!["testStepResult"]!["status"]).ToList();
            Assert.That(statuses, Does.Contain("PASSED").And.Contain("FAILED").And.Contain("SKIPPED"));
        });
    }

    [Test]
    public void TheHtmlReportEmbedsTheMessages()
    {
        var html = File.ReadAllText(Path.Combine(Bundle.Value, "report.html"));

        Assert.That(html, Does.Contain("<html").And.Contain("testRunFinished").And.Contain("The intercepted call gets exactly the configured profile"));
    }

    [Test]
    public void JUnitCountsFailuresAndSkipsAndPointsAtTheEvidence()
    {
        var suites = XDocument.Load(Path.Combine(Bundle.Value, "junit.xml")).Root!;

        Assert.Multiple(() =>
        {
            Assert.That((int)suites.Attribute("tests")!, Is.EqualTo(3));
            Assert.That((int)suites.Attribute("failures")!, Is.EqualTo(1));
            Assert.That(suites.Descendants("failure").Single().Attribute("message")!.Value, Is.EqualTo("expected 603, got 200"));
            Assert.That(suites.Descendants("skipped").Count(), Is.EqualTo(1));
            Assert.That(suites.Descendants("system-out").First().Value, Does.Contain("evidence: evidence/INT-INTL-004--a-call-from-a-domestic-carrier-presenting-a").And.Contain("capture: evidence/INT-INTL-004--"));
        });
    }

    [Test]
    public void EachScenarioHasReadableEvidenceInOrderAndTheReportPointsAtIt()
    {
        using var report = SampleBundle.Json(Path.Combine(Bundle.Value, "conformance-report.json"));
        var scenario = report.RootElement.GetProperty("requirements").EnumerateArray()
            .Single(r => r.GetProperty("id").GetString() == "INT-INTL-004").GetProperty("scenarios")[0];
        var text = File.ReadAllText(Path.Combine(Bundle.Value, scenario.GetProperty("evidenceFile").GetString()!));

        Assert.That(text, Does.Contain("Verdict:  passed").And.Contain("[passed   ] Given a callee"));
        Assert.That(text.IndexOf("INVITE sip:1@x", StringComparison.Ordinal), Is.LessThan(text.IndexOf("SIP/2.0 200 OK", StringComparison.Ordinal)));
    }
}
