using Conformance.Reporting;

namespace Conformance.Cli.Tests;

/// <summary>The reason beside a failed or inconclusive verdict line, and the tally of reasons that ends the summary.</summary>
public sealed class FailureReasonsTests
{
    [Test]
    public void AnNUnitMessageBecomesOneLineWithWhatWasExpectedAndWhatCame()
    {
        const string message = "  atis-603plus profile: an intercepted call is answered 603 (ATIS-1000099 §4)\nAssert.That(response.StatusCode, Is.EqualTo(603))\n  Expected: 603\n  But was:  200\n";

        Assert.That(FailureReasons.OneLine(message), Is.EqualTo("atis-603plus profile: an intercepted call is answered 603 (ATIS-1000099 §4); expected 603, but was 200"));
    }

    [Test]
    public void NoMessageGivesNoReasonAndALongOneIsCut()
    {
        Assert.That(FailureReasons.OneLine(null), Is.Null);
        Assert.That(FailureReasons.OneLine(" \n "), Is.Null);
        Assert.That(FailureReasons.OneLine(new string('x', 500)), Has.Length.EqualTo(200).And.EndsWith("…"));
    }

    [Test]
    public void TheCommonestReasonsCountEachScenarioOnceAndTreatDrawnNumbersAsOne()
    {
        var timeout = "no response from the access realm at 127.0.0.1:5060 within 2000 ms";
        var report = Report(
            ("INT-A-001", [Scenario("one", Verdict.Inconclusive, timeout), Scenario("two", Verdict.Inconclusive, timeout)]),
            ("INT-A-002", [Scenario("one", Verdict.Inconclusive, timeout), Scenario("three", Verdict.Failed, "call to +8613800138000 was forwarded")]),
            ("INT-A-003", [Scenario("four", Verdict.Failed, "call to +8613900139000 was forwarded"), Scenario("five", Verdict.Passed, null)]));

        var reasons = FailureReasons.Commonest(report, 5);

        Assert.That(reasons, Is.EqualTo(new[] { ("call to … was forwarded", 2), (timeout, 2) }));
    }

    private static ScenarioResult Scenario(string name, Verdict verdict, string? message) => new("f", name, verdict, message, 1, []);

    private static ConformanceReport Report(params (string Id, ScenarioResult[] Scenarios)[] requirements) => new(
        "1.3",
        new SuiteInfo("s", "0"),
        "hash",
        new TargetInfo("d", "reference", null, null, null, "atis-603plus"),
        DateTimeOffset.UnixEpoch,
        DateTimeOffset.UnixEpoch,
        new ReportSummary(requirements.Length, new Dictionary<string, int>(), 0, 0, false),
        requirements.Select(r => new RequirementResult(r.Id, "t", "MUST", "interception", "INT-A", Verdict.Failed, r.Scenarios)).ToList());
}
