using System.Globalization;
using System.Xml.Linq;

namespace Conformance.Reporting.Bundle;

/// <summary>
/// junit.xml for CI dashboards: a suite per feature, a case per scenario. Failed is a failure, inconclusive an
/// error (the harness could not judge), not-applicable and skipped are skipped with their reason.
/// </summary>
public static class JUnitWriter
{
    public const string FileName = "junit.xml";

    public static void Write(string bundleDirectory, IReadOnlyList<ScenarioOutcome> outcomes)
    {
        var stems = EvidenceWriter.Stems(outcomes);
        var suites = new XElement("testsuites", new XAttribute("name", "harassment-call-conformance"));
        foreach (var feature in outcomes.Select((o, i) => (Outcome: o, Index: i)).GroupBy(x => x.Outcome.Feature))
        {
            var cases = feature.Select(x => Case(x.Outcome, stems[x.Index])).ToList();
            suites.Add(new XElement("testsuite",
                new XAttribute("name", feature.Key),
                new XAttribute("tests", cases.Count),
                new XAttribute("failures", feature.Count(x => x.Outcome.Verdict is Verdict.Failed or Verdict.Warning)),
                new XAttribute("errors", feature.Count(x => x.Outcome.Verdict == Verdict.Inconclusive)),
                new XAttribute("skipped", feature.Count(x => x.Outcome.Verdict is Verdict.NotApplicable or Verdict.Skipped)),
                new XAttribute("time", Seconds(feature.Sum(x => (x.Outcome.Finished - x.Outcome.Started).TotalSeconds))),
                cases));
        }

        suites.Add(new XAttribute("tests", outcomes.Count));
        suites.Add(new XAttribute("failures", outcomes.Count(o => o.Verdict is Verdict.Failed or Verdict.Warning)));
        suites.Add(new XAttribute("errors", outcomes.Count(o => o.Verdict == Verdict.Inconclusive)));
        new XDocument(new XDeclaration("1.0", "utf-8", null), suites).Save(Path.Combine(bundleDirectory, FileName));
    }

    private static XElement Case(ScenarioOutcome outcome, string stem)
    {
        var element = new XElement("testcase",
            new XAttribute("classname", outcome.Feature),
            new XAttribute("name", outcome.Scenario),
            new XAttribute("time", Seconds((outcome.Finished - outcome.Started).TotalSeconds)));
        var message = outcome.Message ?? ReportBuilder.VerdictName(outcome.Verdict);
        switch (outcome.Verdict)
        {
            case Verdict.Failed or Verdict.Warning:
                element.Add(new XElement("failure", new XAttribute("message", message), new XAttribute("type", ReportBuilder.VerdictName(outcome.Verdict))));
                break;
            case Verdict.Inconclusive:
                element.Add(new XElement("error", new XAttribute("message", message), new XAttribute("type", "inconclusive")));
                break;
            case Verdict.NotApplicable or Verdict.Skipped:
                element.Add(new XElement("skipped", new XAttribute("message", message)));
                break;
        }

        element.Add(new XElement("system-out", $"requirements: {string.Join(", ", outcome.RequirementIds)}\nevidence: {EvidenceWriter.TextFile(stem)}{(outcome.Packets is { Count: > 0 } ? "\ncapture: " + EvidenceWriter.CaptureFile(stem) : string.Empty)}"));
        return element;
    }

    private static string Seconds(double seconds) => seconds.ToString("0.000", CultureInfo.InvariantCulture);
}
