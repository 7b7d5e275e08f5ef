using System.Text.RegularExpressions;
using Conformance.Reporting;

namespace Conformance.Cli;

/// <summary>
/// Why scenarios failed or were inconclusive, in one line each: the reason beside each verdict line, and the most
/// common reasons at the end of the run, so a lab sees at once whether one cause (a realm that never answers, a
/// missing capability) is behind many verdicts.
/// </summary>
public static partial class FailureReasons
{
    private const int Longest = 200;

    /// <summary>
    /// A scenario's message on one line, for a verdict line: NUnit's "Expected:" and "But was:" lines become
    /// "expected X, but was Y" and the echo of the assertion's code is left out. Null when there is no message.
    /// </summary>
    public static string? OneLine(string? message)
    {
        if (message is null)
        {
            return null;
        }

        var parts = new List<string>();
        foreach (var raw in message.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith("Assert.", StringComparison.Ordinal))
            {
                continue;
            }

            if (line.StartsWith("Expected:", StringComparison.Ordinal))
            {
                parts.Add("expected " + line["Expected:".Length..].Trim());
            }
            else if (line.StartsWith("But was:", StringComparison.Ordinal) && parts.Count > 0)
            {
                parts[^1] += ", but was " + line["But was:".Length..].Trim();
            }
            else
            {
                parts.Add(line);
            }
        }

        var joined = string.Join("; ", parts);
        return joined.Length == 0 ? null : joined.Length <= Longest ? joined : joined[..(Longest - 1)] + "…";
    }

    /// <summary>
    /// The commonest reasons among failed and inconclusive scenarios, each scenario counted once however many
    /// requirements it proves. Long digit runs (numbers drawn per scenario) are masked so one cause counts as one.
    /// </summary>
    public static IReadOnlyList<(string Reason, int Scenarios)> Commonest(ConformanceReport report, int count)
    {
        return report.Requirements
            .SelectMany(r => r.Scenarios)
            .Where(s => s.Verdict is Verdict.Failed or Verdict.Inconclusive)
            .DistinctBy(s => (s.Feature, s.Name))
            .Select(s => Masked(OneLine(s.Message) ?? "(no reason given)"))
            .GroupBy(reason => reason, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count())
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Take(count)
            .Select(g => (g.Key, g.Count()))
            .ToList();
    }

    private static string Masked(string reason) => LongDigits().Replace(reason, "…");

    // Subscriber numbers (8 digits or more, not part of a name such as ATIS-1000099).
    [GeneratedRegex(@"(?<![\w-])\+?\d{8,}")]
    private static partial Regex LongDigits();
}
