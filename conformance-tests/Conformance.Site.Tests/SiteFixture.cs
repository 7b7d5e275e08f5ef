using Conformance.Reporting;
using Conformance.Reporting.Bundle;
using Conformance.Reporting.Site;
using Conformance.SpecModel;

namespace Conformance.Site.Tests;

/// <summary>
/// Signed bundles of the real catalogue, published: a conforming system run twice (an earlier run failed one
/// requirement), a failing one with a known deviation, one with a Chinese product name declaring a capability absent,
/// and one whose report was changed after signing, which the site must list as refused.
/// </summary>
public static class SiteFixture
{
    public const string ChineseProduct = "骚扰电话拦截节点";

    public const string RealFeature = "Calls from abroad presenting Chinese national numbers";

    public const string RealScenario = "A call from a domestic carrier presenting a +86 number is forwarded";

    private static readonly string Spec = Path.Combine(AppContext.BaseDirectory, "spec");
    private static readonly DateTimeOffset At = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    public static string Publish()
    {
        var root = RunOutputs.Folders.NewDirectory();
        var catalogue = RequirementCatalogue.Load(Path.Combine(Spec, "requirements.yaml"));
        var all = new Dictionary<string, bool> { ["INT-INTL"] = true, ["INT-SIG"] = true };
        var bundles = new List<BundleVerification>
        {
            Bundle(root, "alpha", "screening node", catalogue, _ => Verdict.Passed, [], all, At, "20261128T120000Z"),
            Bundle(root, "bravo", "screening node", catalogue, id => id == "INT-SIG-002" ? Verdict.Failed : Verdict.Passed,
                [new KnownDeviation("INT-SIG-002", "retransmissions are answered from release 5")], new Dictionary<string, bool>(), At, "20261128T120000Z"),
            Bundle(root, "charlie", ChineseProduct, catalogue, id => id.StartsWith("INT-SIG", StringComparison.Ordinal) ? Verdict.NotApplicable : Verdict.Passed,
                [], new Dictionary<string, bool> { ["INT-INTL"] = true, ["INT-SIG"] = false }, At, "20261128T120000Z"),
            // alpha's earlier run, a week before, when INT-SIG-001 still failed: grouped under alpha's column as history.
            Bundle(root, "alpha", "screening node", catalogue, id => id == "INT-SIG-001" ? Verdict.Failed : Verdict.Passed, [], all, At.AddDays(-7), "20261121T120000Z"),
        };
        var tampered = Bundle(root, "delta", "screening node", catalogue, _ => Verdict.Passed, [], all, At, "20261128T130000Z");
        var report = Path.Combine(tampered.Directory, ReportWriter.ReportFileName);
        File.WriteAllText(report, File.ReadAllText(report).Replace("\"failed\"", "\"passed\"", StringComparison.Ordinal) + " ");
        var refused = BundleVerifier.Verify(tampered.Directory);
        Assert.That(refused.Intact, Is.False, "the tampered bundle still verifies");

        var site = Path.Combine(root, "site");
        SiteGenerator.Generate(bundles, site, [refused]);
        return site;
    }

    private static BundleVerification Bundle(string root, string vendor, string product, RequirementCatalogue catalogue, Func<string, Verdict> verdictOf,
        IReadOnlyList<KnownDeviation> deviations, IReadOnlyDictionary<string, bool> pics, DateTimeOffset at, string runId)
    {
        // INT-INTL-004's outcome carries a scenario of the spec by its name, so the Cucumber report has a test case to show its evidence under.
        var outcomes = catalogue.Requirements.Select((r, i) => new ScenarioOutcome(
            r.Id == "INT-INTL-004" ? RealFeature : "Feature of " + r.Profile, r.Id == "INT-INTL-004" ? RealScenario : $"Scenario proving {r.Id}", [r.Id, "pics:" + r.Pics], verdictOf(r.Id),
            verdictOf(r.Id) == Verdict.Failed ? "expected 603, got 200" : null, at.AddSeconds(i), at.AddSeconds(i).AddMilliseconds(30),
            [$"12:00:{i % 60:00}.000000 suite caller 127.0.0.1:40100 → international realm 127.0.0.1:5064 over UDP\nINVITE sip:{r.Id}@sut SIP/2.0"], null,
            [new CapturedPacket(at.AddSeconds(i), "UDP", "127.0.0.1:40100", "127.0.0.1:5064", System.Text.Encoding.ASCII.GetBytes($"INVITE sip:{r.Id}@sut SIP/2.0\r\nContent-Length: 0\r\n\r\n"))])).ToList();
        var report = ReportBuilder.Build(catalogue, outcomes, new SuiteInfo("harassment-call-conformance", "0.1.0"), SpecHash.Compute(Spec),
            new TargetInfo($"{vendor} system", "target-file", vendor, product, "1.0", "atis-603plus"), at, at.AddMinutes(1),
            new RunDetails(runId, pics, deviations, null));
        var directory = Path.Combine(root, $"{vendor}-{runId}");
        using var key = BundleSigning.NewEphemeralKey();
        BundleWriter.Write(directory, report, outcomes, Spec, TargetRedaction.Redact($$"""{ "description": "{{vendor}}" }"""), key, true);
        var verification = BundleVerifier.Verify(directory);
        Assert.That(verification.Intact, Is.True, string.Join(" | ", verification.Problems));
        return verification;
    }
}
