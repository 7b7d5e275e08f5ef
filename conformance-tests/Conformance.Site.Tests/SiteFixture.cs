using Conformance.Reporting;
using Conformance.Reporting.Bundle;
using Conformance.Reporting.Site;
using Conformance.SpecModel;

namespace Conformance.Site.Tests;

/// <summary>Three signed bundles of the real catalogue (a conforming system, a failing one with a known deviation, one declaring a capability absent), published.</summary>
public static class SiteFixture
{
    private static readonly string Spec = Path.Combine(AppContext.BaseDirectory, "spec");

    public static string Publish()
    {
        var root = Path.Combine(Path.GetTempPath(), "conformance-site-tests", Guid.NewGuid().ToString("N"));
        var catalogue = RequirementCatalogue.Load(Path.Combine(Spec, "requirements.yaml"));
        var bundles = new List<BundleVerification>
        {
            Bundle(root, "alpha", catalogue, _ => Verdict.Passed, [], new Dictionary<string, bool> { ["INT-INTL"] = true, ["INT-SIG"] = true }),
            Bundle(root, "bravo", catalogue, id => id == "INT-SIG-002" ? Verdict.Failed : Verdict.Passed,
                [new KnownDeviation("INT-SIG-002", "retransmissions are answered from release 5")], new Dictionary<string, bool>()),
            Bundle(root, "charlie", catalogue, id => id.StartsWith("INT-SIG", StringComparison.Ordinal) ? Verdict.NotApplicable : Verdict.Passed,
                [], new Dictionary<string, bool> { ["INT-INTL"] = true, ["INT-SIG"] = false }),
        };
        var site = Path.Combine(root, "site");
        SiteGenerator.Generate(bundles, site);
        return site;
    }

    private static BundleVerification Bundle(string root, string vendor, RequirementCatalogue catalogue, Func<string, Verdict> verdictOf,
        IReadOnlyList<KnownDeviation> deviations, IReadOnlyDictionary<string, bool> pics)
    {
        var at = new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
        var outcomes = catalogue.Requirements.Select((r, i) => new ScenarioOutcome(
            "Feature of " + r.Profile, $"Scenario proving {r.Id}", [r.Id, "pics:" + r.Pics], verdictOf(r.Id),
            verdictOf(r.Id) == Verdict.Failed ? "expected 603, got 200" : null, at.AddSeconds(i), at.AddSeconds(i).AddMilliseconds(30),
            [$"12:00:{i:00}.000 sent to 127.0.0.1:5064\nINVITE sip:{r.Id}@sut SIP/2.0"])).ToList();
        var report = ReportBuilder.Build(catalogue, outcomes, new SuiteInfo("harassment-call-conformance", "0.1.0"), SpecHash.Compute(Spec),
            new TargetInfo($"{vendor} system", "target-file", vendor, "screening node", "1.0", "atis-603plus"), at, at.AddMinutes(1),
            new RunDetails("20261128T120000Z", pics, deviations, null));
        var directory = Path.Combine(root, vendor);
        using var key = BundleSigning.NewEphemeralKey();
        BundleWriter.Write(directory, report, outcomes, Spec, TargetRedaction.Redact($$"""{ "description": "{{vendor}}" }"""), key, true);
        var verification = BundleVerifier.Verify(directory);
        Assert.That(verification.Intact, Is.True, string.Join(" | ", verification.Problems));
        return verification;
    }
}
