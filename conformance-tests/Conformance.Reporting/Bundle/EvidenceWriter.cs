using System.Globalization;
using System.Text;

namespace Conformance.Reporting.Bundle;

/// <summary>
/// One readable text file per scenario under evidence/: what was asked, how each step ended, then every SIP
/// message and API exchange in the order the drivers saw them.
/// </summary>
public static class EvidenceWriter
{
    public const string Folder = "evidence";

    /// <summary>The bundle-relative name of a scenario's evidence: its position in the run, then a readable slug.</summary>
    public static string FileName(int index, ScenarioOutcome outcome) =>
        $"{Folder}/{index + 1:000}-{Slug(outcome.Scenario)}.txt";

    public static void WriteAll(string bundleDirectory, IReadOnlyList<ScenarioOutcome> outcomes)
    {
        Directory.CreateDirectory(Path.Combine(bundleDirectory, Folder));
        for (var i = 0; i < outcomes.Count; i++)
        {
            File.WriteAllText(Path.Combine(bundleDirectory, FileName(i, outcomes[i])), Render(outcomes[i]), new UTF8Encoding(false));
        }
    }

    public static string Render(ScenarioOutcome outcome)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Feature:  {outcome.Feature}\n");
        text.Append(CultureInfo.InvariantCulture, $"Scenario: {outcome.Scenario}\n");
        text.Append(CultureInfo.InvariantCulture, $"Tags:     {string.Join(' ', outcome.Tags.Select(t => "@" + t))}\n");
        text.Append(CultureInfo.InvariantCulture, $"Verdict:  {ReportBuilder.VerdictName(outcome.Verdict)}{(outcome.Message is null ? string.Empty : " — " + outcome.Message)}\n");
        text.Append(CultureInfo.InvariantCulture, $"Started:  {outcome.Started:O}\nFinished: {outcome.Finished:O}\n");
        if (outcome.Steps is { Count: > 0 } steps)
        {
            text.Append("\nSteps\n");
            foreach (var step in steps)
            {
                text.Append(CultureInfo.InvariantCulture, $"  [{step.Status,-9}] {step.Keyword.Trim()} {step.Text} ({step.DurationMs:0} ms)\n");
                if (step.Error is not null)
                {
                    text.Append(CultureInfo.InvariantCulture, $"              {step.Error.ReplaceLineEndings("\n              ")}\n");
                }
            }
        }

        text.Append(CultureInfo.InvariantCulture, $"\nEvidence ({outcome.Evidence.Count} entries, in order)\n");
        foreach (var entry in outcome.Evidence)
        {
            text.Append("\n──── ").Append(entry.ReplaceLineEndings("\n")).Append('\n');
        }

        return text.ToString();
    }

    private static string Slug(string name)
    {
        var slug = new StringBuilder();
        foreach (var c in name.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }

            if (slug.Length >= 60)
            {
                break;
            }
        }

        return slug.ToString().Trim('-') is { Length: > 0 } s ? s : "scenario";
    }
}
