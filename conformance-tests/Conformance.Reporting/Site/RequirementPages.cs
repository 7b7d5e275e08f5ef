using System.Globalization;
using static Conformance.Reporting.Site.SiteHtml;

namespace Conformance.Reporting.Site;

/// <summary>
/// requirements/&lt;id&gt;.html: one requirement across systems. Each system's latest run first, then its earlier runs,
/// each with its verdict, its scenarios and links to their evidence and captures in the bundle copied beside the
/// system's page, so a certifier reads one requirement's proof from every system side by side.
/// </summary>
internal static class RequirementPages
{
    public static IEnumerable<(string Path, string Html)> Build(IReadOnlyList<SiteColumn> columns)
    {
        var requirements = columns.SelectMany(c => c.Runs).SelectMany(s => s.Report.Requirements)
            .GroupBy(r => r.Id, StringComparer.Ordinal).Select(g => g.First()).OrderBy(r => r.Id, StringComparer.Ordinal);
        foreach (var requirement in requirements)
        {
            yield return (RequirementFile(requirement.Id), Page(requirement, columns));
        }
    }

    private static string Page(RequirementResult requirement, IReadOnlyList<SiteColumn> columns)
    {
        var html = SiteHtml.Page($"{requirement.Id} — {requirement.Title}", "../");
        html.Append(CultureInfo.InvariantCulture, $"<p><a href=\"../index.html\">All systems</a></p>\n<h1><span class=\"id\">{E(requirement.Id)}</span> {E(requirement.Title)}</h1>\n");
        html.Append(CultureInfo.InvariantCulture, $"<table class=\"meta\"><tr><td>level</td><td>{E(requirement.Level)}</td></tr><tr><td>profile</td><td>{E(requirement.Profile)}</td></tr><tr><td>capability (PICS)</td><td>{E(requirement.Pics)}</td></tr></table>\n");
        html.Append("<div class=\"scroll\"><table id=\"systems\"><thead><tr><th>system</th><th>run</th><th>verdict</th><th>scenarios and evidence</th></tr></thead><tbody>\n");
        foreach (var column in columns)
        {
            foreach (var run in column.Runs)
            {
                var result = run.Report.Requirements.FirstOrDefault(r => r.Id == requirement.Id);
                var verdict = result is null ? "skipped" : ReportBuilder.VerdictName(result.Verdict);
                var latest = ReferenceEquals(run, column.Latest);
                var system = $"../systems/{run.Slug}/";
                html.Append(CultureInfo.InvariantCulture,
                    $"<tr class=\"{(latest ? "latest" : "earlier")}\" data-system=\"{E(run.Key)}\"><th scope=\"row\"><a href=\"{system}index.html#{E(requirement.Id)}\">{E(run.Name)}</a>{(latest ? string.Empty : " <small>(earlier run)</small>")}</th><td>{E(Date(run.RunDate))}</td><td class=\"v-{verdict}\">{verdict}");
                if (result?.KnownDeviation is { } reason)
                {
                    html.Append(CultureInfo.InvariantCulture, $"<br><span class=\"deviation\">known deviation: {E(reason)}</span>");
                }

                html.Append("</td><td><ul>");
                foreach (var scenario in result?.Scenarios ?? [])
                {
                    var scenarioVerdict = ReportBuilder.VerdictName(scenario.Verdict);
                    html.Append(CultureInfo.InvariantCulture, $"<li class=\"v-{scenarioVerdict}\">{scenarioVerdict}: {E(scenario.Name)}");
                    if (scenario.EvidenceFile is { } file)
                    {
                        html.Append(CultureInfo.InvariantCulture, $" — <a class=\"evidence\" href=\"{system}bundle/{E(file)}\">evidence</a>");
                    }

                    if (scenario.CaptureFile is { } capture)
                    {
                        html.Append(CultureInfo.InvariantCulture, $" · <a class=\"capture\" href=\"{system}bundle/{E(capture)}\">capture (pcapng)</a>");
                    }

                    if (scenario.Message is { } message)
                    {
                        html.Append(CultureInfo.InvariantCulture, $"<br><small>{E(message)}</small>");
                    }

                    html.Append("</li>");
                }

                html.Append("</ul></td></tr>\n");
            }
        }

        html.Append("</tbody></table></div>\n</body>\n</html>\n");
        return html.ToString();
    }
}
