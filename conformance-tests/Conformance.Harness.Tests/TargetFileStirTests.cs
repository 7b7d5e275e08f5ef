using System.Text.Json;
using Conformance.Harness.Stir;
using Conformance.Harness.Targets;
using Json.Schema;

namespace Conformance.Harness.Tests;

/// <summary>The target file's "stir" section: a vendor's STIR/SHAKEN credentials, loaded strictly, and the same in the schema.</summary>
public sealed class TargetFileStirTests
{
    // One schema instance per process: the schema registry refuses a second registration of its $id.
    private static Lazy<JsonSchema> Schema => TargetFileSchemaTests.Schema;

    [Test]
    public void A_stir_section_loads_and_its_credentials_sign_and_verify()
    {
        var section = SuiteStirCredentials.Shared.AsTargetSection();
        var path = Write(new Dictionary<string, object> { ["description"] = "d", ["adapter"] = "target-file", ["realms"] = new Dictionary<string, string> { ["international"] = "127.0.0.1:5064" }, ["stir"] = section });

        var target = TargetFileLoader.Load(path);
        var credentials = SuiteStirCredentials.For(target);

        Assert.That(target.Stir!.SuiteX5u, Is.EqualTo(SuiteStirCredentials.SuiteX5u));
        Assert.That(credentials.Suite.Certificate.Thumbprint, Is.EqualTo(SuiteStirCredentials.Shared.Suite.Certificate.Thumbprint));
        Assert.That(credentials.SutCertificates.Find(SuiteStirCredentials.ReferenceX5u), Is.Not.Null);
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        Assert.That(Schema.Value.Evaluate(document.RootElement).IsValid, Is.True);
    }

    [TestCase("suiteKey", "/no/such/key.pem", "does not exist")]
    [TestCase("suiteX5u", "", "non-empty string")]
    [TestCase("sutCertificates", null, "sutCertificates")]
    [TestCase("surplus", "x", "not a known key")]
    public void A_bad_stir_section_is_refused_naming_the_key(string key, string? value, string expected)
    {
        var section = SuiteStirCredentials.Shared.AsTargetSection();
        if (value is null)
        {
            section[key] = new Dictionary<string, string>();
        }
        else
        {
            section[key] = value;
        }

        var path = Write(new Dictionary<string, object> { ["description"] = "d", ["adapter"] = "target-file", ["realms"] = new Dictionary<string, string> { ["international"] = "127.0.0.1:5064" }, ["stir"] = section });

        Assert.That(() => TargetFileLoader.Load(path), Throws.TypeOf<TargetFileException>().With.Message.Contains("$.stir").And.Message.Contains(expected));
        if (key != "suiteKey")
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            Assert.That(Schema.Value.Evaluate(document.RootElement).IsValid, Is.False, "the schema must refuse what the loader refuses");
        }
    }

    private static string Write(Dictionary<string, object> target)
    {
        var path = Path.Combine(Path.GetTempPath(), "conformance-stir-target-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, JsonSerializer.Serialize(target));
        return path;
    }
}
