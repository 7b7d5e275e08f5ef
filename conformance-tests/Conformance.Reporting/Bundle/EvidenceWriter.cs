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

    /// <summary>
    /// The bundle-relative stem (no extension) of each scenario's evidence: its first requirement id, then a slug of
    /// its name. It depends on the scenario alone, not on its place in the run, so a full run and a subset name a
    /// scenario's evidence alike and two runs can be diffed file by file. A slug cut short carries a hash of the whole
    /// name, so that outline examples differing only at the end keep apart.
    /// </summary>
    public static IReadOnlyList<string> Stems(IReadOnlyList<ScenarioOutcome> outcomes)
    {
        var stems = new List<string>(outcomes.Count);
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var outcome in outcomes)
        {
            var stem = $"{Folder}/{outcome.RequirementIds.FirstOrDefault() ?? "NO-REQUIREMENT"}--{Slug(outcome.Feature, outcome.Scenario)}";
            var unique = stem;
            for (var n = 2; !taken.Add(unique); n++)
            {
                // The same scenario recorded twice in one run (a retried outcome): later copies are numbered.
                unique = string.Create(CultureInfo.InvariantCulture, $"{stem}--{n}");
            }

            stems.Add(unique);
        }

        return stems;
    }

    public static string TextFile(string stem) => stem + ".txt";

    public static string CaptureFile(string stem) => stem + ".pcapng";

    /// <summary>Writes each scenario's readable evidence, and its capture when its peers saw any message.</summary>
    public static void WriteAll(string bundleDirectory, IReadOnlyList<ScenarioOutcome> outcomes)
    {
        Directory.CreateDirectory(Path.Combine(bundleDirectory, Folder));
        var stems = Stems(outcomes);
        for (var i = 0; i < outcomes.Count; i++)
        {
            File.WriteAllText(Path.Combine(bundleDirectory, TextFile(stems[i])), Render(outcomes[i]), new UTF8Encoding(false));
            if (outcomes[i].Packets is { Count: > 0 } packets)
            {
                using var capture = File.Create(Path.Combine(bundleDirectory, CaptureFile(stems[i])));
                PcapNgWriter.Write(capture, packets, $"{outcomes[i].Feature} / {outcomes[i].Scenario}");
            }
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

    private const int SlugLength = 48;

    private static string Slug(string feature, string name)
    {
        var full = new StringBuilder();
        foreach (var c in name.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                full.Append(c);
            }
            else if (full.Length > 0 && full[^1] != '-')
            {
                full.Append('-');
            }
        }

        var slug = full.ToString().Trim('-');
        var whole = slug.Length > 0 && slug.Length <= SlugLength;
        if (!whole)
        {
            var cut = slug.Length > SlugLength ? slug[..SlugLength] : slug;
            var word = cut.LastIndexOf('-');
            cut = (word > SlugLength / 2 ? cut[..word] : cut).Trim('-');
            var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(feature + "\u0000" + name)))[..8];
            slug = cut.Length > 0 ? $"{cut}-{hash}" : $"scenario-{hash}";
        }

        return slug;
    }
}
