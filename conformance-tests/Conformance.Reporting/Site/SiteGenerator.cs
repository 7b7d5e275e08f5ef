using System.Globalization;
using System.Text;
using Conformance.Reporting.Bundle;
using static Conformance.Reporting.Site.SiteHtml;

namespace Conformance.Reporting.Site;

/// <summary>
/// Builds the static results site from verified bundles: index.html, a matrix of requirements × systems filterable by
/// profile, level and verdict, one column per system (vendor, product, version) showing its latest run with the earlier
/// ones listed under it, and the bundles that were refused with why; systems/&lt;slug&gt;/index.html, one page per run
/// with its verdicts, PICS, known deviations and links to its evidence and captures; requirements/&lt;id&gt;.html, one
/// page per requirement across systems; and a copy of each bundle beside its page, so the evidence travels with the site.
/// </summary>
public static class SiteGenerator
{
    /// <param name="refused">Bundles that failed verification: listed on the index with their problems, never published.</param>
    public static IReadOnlyList<SiteSystem> Generate(IReadOnlyList<BundleVerification> bundles, string siteDirectory, IReadOnlyList<BundleVerification>? refused = null)
    {
        if (bundles.Any(b => !b.Intact || b.Report is null || b.Manifest is null))
        {
            throw new ArgumentException("Only intact, verified bundles go on the site.", nameof(bundles));
        }

        Directory.CreateDirectory(siteDirectory);
        var systems = Name(bundles);
        var columns = systems.GroupBy(s => s.Key, StringComparer.Ordinal)
            .Select(g => g.OrderByDescending(s => s.RunDate).ToList())
            .Select(runs => new SiteColumn(runs[0], runs.Skip(1).ToList()))
            .OrderBy(c => c.Latest.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
        File.WriteAllText(Path.Combine(siteDirectory, "site.css"), SiteAssets.Css);
        File.WriteAllText(Path.Combine(siteDirectory, "site.js"), SiteAssets.Script);
        File.WriteAllText(Path.Combine(siteDirectory, "index.html"), Index(columns, refused ?? []), Utf8);
        foreach (var column in columns)
        {
            foreach (var system in column.Runs)
            {
                var folder = Path.Combine(siteDirectory, "systems", system.Slug);
                CopyBundle(system.BundleDirectory, system.Manifest.Files.Select(f => f.Path), Path.Combine(folder, "bundle"));
                File.WriteAllText(Path.Combine(folder, "index.html"), SystemPage(system, column), Utf8);
            }
        }

        Directory.CreateDirectory(Path.Combine(siteDirectory, "requirements"));
        foreach (var page in RequirementPages.Build(columns))
        {
            File.WriteAllText(Path.Combine(siteDirectory, page.Path), page.Html, Utf8);
        }

        return systems;
    }

    private static List<SiteSystem> Name(IReadOnlyList<BundleVerification> bundles)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        var systems = new List<SiteSystem>();
        foreach (var bundle in bundles)
        {
            var target = bundle.Report!.Target;
            var name = string.Join(' ', new[] { target.Vendor, target.Product, target.Version }.Where(s => !string.IsNullOrWhiteSpace(s)));
            name = name.Length == 0 ? target.Description : name;
            var baseSlug = Slug($"{name}-{bundle.Report.RunId ?? bundle.Manifest!.Created.ToString("yyyyMMddTHHmmssZ", CultureInfo.InvariantCulture)}");
            var slug = baseSlug;
            for (var n = 2; !used.Add(slug); n++)
            {
                slug = $"{baseSlug}-{n}";
            }

            systems.Add(new SiteSystem(slug, name, bundle.Directory, bundle.Report, bundle.Manifest!));
        }

        return systems;
    }

    private static string Index(IReadOnlyList<SiteColumn> columns, IReadOnlyList<BundleVerification> refused)
    {
        var systems = columns.Select(c => c.Latest).ToList();
        var requirements = systems.SelectMany(s => s.Report.Requirements)
            .GroupBy(r => r.Id).Select(g => g.First()).OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
        var byId = systems.Select(s => s.Report.Requirements.ToDictionary(r => r.Id, StringComparer.Ordinal)).ToList();
        var verdictNames = Enum.GetValues<Verdict>().Select(ReportBuilder.VerdictName).ToList();

        var html = Page("Conformance results", "");
        html.Append(CultureInfo.InvariantCulture, $"<h1>Conformance results</h1>\n<p>{columns.Count} systems ({columns.Sum(c => c.Earlier.Count + 1)} runs), {requirements.Count} requirements. Every bundle shown was verified (manifest signature and SHA-256 of every file) before it was included; each column is a system's latest run.</p>\n");
        if (refused.Count > 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<section id=\"refused\">\n<h2>Refused bundles ({refused.Count})</h2>\n<p>These bundles failed verification and are not on the site.</p>\n<div class=\"scroll\"><table><thead><tr><th>bundle</th><th>system</th><th>why it was refused</th></tr></thead><tbody>\n");
            foreach (var bundle in refused)
            {
                var target = bundle.Report?.Target;
                var claimed = target is null ? "unreadable" : string.Join(' ', new[] { target.Vendor, target.Product, target.Version }.Where(s => !string.IsNullOrWhiteSpace(s)));
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(Path.GetFileName(bundle.Directory.TrimEnd('/', '\\')))}</td><td>{E(claimed)}</td><td><ul>{string.Concat(bundle.Problems.Select(p => $"<li>{E(p)}</li>"))}</ul></td></tr>\n");
            }

            html.Append("</tbody></table></div>\n</section>\n");
        }

        html.Append("<form id=\"filters\" class=\"filters\" hidden>\n");
        html.Append(Select("profile", "Profile", requirements.Select(r => r.Profile).Distinct().Order(StringComparer.Ordinal)));
        html.Append(Select("level", "Level", ["MUST", "SHOULD", "MAY"]));
        html.Append(Select("verdict", "Verdict", verdictNames));
        html.Append("<span><span id=\"shown\"></span> requirements shown</span>\n</form>\n");
        html.Append("<div class=\"scroll\">\n<table id=\"matrix\">\n<thead><tr><th class=\"requirement\">Requirement</th><th>Level</th><th>Profile</th>");
        foreach (var column in columns)
        {
            var system = column.Latest;
            var target = system.Report.Target;
            html.Append(CultureInfo.InvariantCulture, $"<th class=\"system\" data-system=\"{E(system.Key)}\"><a class=\"name\" href=\"systems/{system.Slug}/index.html\">{E(system.Name)}</a>");
            html.Append(CultureInfo.InvariantCulture, $"<dl><dt>vendor</dt><dd>{E(target.Vendor)}</dd><dt>product</dt><dd>{E(target.Product)}</dd><dt>version</dt><dd>{E(target.Version)}</dd>");
            html.Append(CultureInfo.InvariantCulture, $"<dt>run</dt><dd class=\"run-date\">{E(Date(system.RunDate))}</dd><dt>signer</dt><dd class=\"signer\">{E(Signature(system))}</dd><dt>totals</dt><dd class=\"totals\">{E(Totals(system))}</dd></dl>");
            if (column.Earlier.Count > 0)
            {
                html.Append(CultureInfo.InvariantCulture, $"<details class=\"history\"><summary>{column.Earlier.Count} earlier run{(column.Earlier.Count == 1 ? string.Empty : "s")}</summary><ul>");
                foreach (var earlier in column.Earlier)
                {
                    html.Append(CultureInfo.InvariantCulture, $"<li><a href=\"systems/{earlier.Slug}/index.html\">{E(Date(earlier.RunDate))}</a> — {E(Totals(earlier))}</li>");
                }

                html.Append("</ul></details>");
            }

            html.Append("</th>");
        }

        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var requirement in requirements)
        {
            var cells = byId.Select(map => map.GetValueOrDefault(requirement.Id)).ToList();
            var verdicts = string.Join(' ', cells.Select(c => c is null ? "skipped" : ReportBuilder.VerdictName(c.Verdict)).Distinct());
            html.Append(CultureInfo.InvariantCulture,
                $"<tr data-requirement=\"{E(requirement.Id)}\" data-profile=\"{E(requirement.Profile)}\" data-level=\"{E(requirement.Level)}\" data-verdicts=\"{verdicts}\"><th scope=\"row\" class=\"requirement\"><a href=\"{RequirementFile(requirement.Id)}\">{E(requirement.Id)}</a><small>{E(requirement.Title)}</small></th><td>{E(requirement.Level)}</td><td>{E(requirement.Profile)}</td>");
            for (var i = 0; i < systems.Count; i++)
            {
                var cell = cells[i];
                var verdict = cell is null ? "skipped" : ReportBuilder.VerdictName(cell.Verdict);
                var deviation = cell?.KnownDeviation is { } reason ? $" <span class=\"deviation\" title=\"known deviation: {E(reason)}\">known deviation</span>" : string.Empty;
                html.Append(CultureInfo.InvariantCulture, $"<td class=\"v-{verdict}\"><a href=\"systems/{systems[i].Slug}/index.html#{E(requirement.Id)}\">{verdict}</a>{deviation}</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</tbody>\n</table>\n</div>\n<script src=\"site.js\"></script>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static string SystemPage(SiteSystem system, SiteColumn column)
    {
        var report = system.Report;
        var manifest = system.Manifest;
        var html = Page(system.Name, "../../");
        html.Append(CultureInfo.InvariantCulture, $"<p><a href=\"../../index.html\">All systems</a></p>\n<h1>{E(system.Name)}</h1>\n<table class=\"meta\">\n");
        void Row(string key, string? value) => html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(key)}</td><td>{E(value)}</td></tr>\n");
        Row("description", report.Target.Description);
        Row("adapter", report.Target.Adapter);
        Row("signalling profile", report.Target.SignallingProfile);
        Row("run", report.RunId ?? string.Empty);
        Row("vendor", report.Target.Vendor);
        Row("product", report.Target.Product);
        Row("version", report.Target.Version);
        Row("run time", $"{report.Started:u} – {report.Finished:u}");
        Row("suite", $"{report.Suite.Name} {report.Suite.Version}");
        Row("spec", report.SpecHash);
        Row("signer", Signature(system));
        Row("totals", Totals(system));
        var scope = $"{report.Summary.InScope} of {report.Summary.Requirements} requirements in scope";
        Row("verdict", report.Summary.Conforming ? $"every MUST passed ({scope})"
            : report.Summary.ScopePassed ? $"every MUST in scope passed ({scope}; not a conformance verdict)"
            : $"{report.Summary.MustFailed} MUST failed, {report.Summary.MustInconclusive} MUST inconclusive ({scope})");
        html.Append("</table>\n");
        html.Append("<h2>Runs of this system</h2>\n<ul id=\"history\">");
        foreach (var run in column.Runs)
        {
            var label = $"{Date(run.RunDate)} — {Totals(run)}{(run == column.Latest ? " (latest)" : string.Empty)}";
            html.Append(run == system ? $"<li><strong>{E(label)}</strong> (this page)</li>" : $"<li><a href=\"../{run.Slug}/index.html\">{E(label)}</a></li>");
        }

        html.Append("</ul>\n");
        html.Append("<p><a href=\"bundle/report.html\">Cucumber report</a> · <a href=\"bundle/conformance-report.json\">conformance-report.json</a> · <a href=\"bundle/junit.xml\">junit.xml</a> · <a href=\"bundle/messages.ndjson\">messages.ndjson</a> · <a href=\"bundle/manifest.json\">manifest.json</a> · <a href=\"bundle/manifest.sig\">manifest.sig</a></p>\n");

        html.Append("<h2>PICS used</h2>\n");
        if (report.Pics is { Count: > 0 } pics)
        {
            html.Append("<table id=\"pics\"><thead><tr><th>capability</th><th>declared</th></tr></thead><tbody>\n");
            foreach (var (code, present) in pics.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(code)}</td><td>{(present ? "present" : "absent")}</td></tr>\n");
            }

            html.Append("</tbody></table>\n");
        }
        else
        {
            html.Append("<p>No capability declared: every capability was assumed present.</p>\n");
        }

        if (report.KnownDeviations is { Count: > 0 } deviations)
        {
            html.Append("<h2>Known deviations</h2>\n<table id=\"deviations\"><thead><tr><th>requirement</th><th>reason</th></tr></thead><tbody>\n");
            foreach (var deviation in deviations)
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(deviation.Requirement)}</td><td>{E(deviation.Reason)}</td></tr>\n");
            }

            html.Append("</tbody></table>\n");
        }

        html.Append("<h2>Requirements</h2>\n<div class=\"scroll\"><table id=\"requirements\"><thead><tr><th>requirement</th><th>level</th><th>verdict</th><th>scenarios and evidence</th></tr></thead><tbody>\n");
        foreach (var requirement in report.Requirements)
        {
            var verdict = ReportBuilder.VerdictName(requirement.Verdict);
            var deviation = requirement.KnownDeviation is { } reason ? $"<br><span class=\"deviation\">known deviation: {E(reason)}</span>" : string.Empty;
            html.Append(CultureInfo.InvariantCulture, $"<tr id=\"{E(requirement.Id)}\"><th scope=\"row\" class=\"requirement\"><a href=\"../../{RequirementFile(requirement.Id)}\">{E(requirement.Id)}</a><small>{E(requirement.Title)}</small></th><td>{E(requirement.Level)}</td><td class=\"v-{verdict}\">{verdict}{deviation}</td><td><ul>");
            foreach (var scenario in requirement.Scenarios)
            {
                var link = scenario.EvidenceFile is { } file ? $" — <a class=\"evidence\" href=\"bundle/{E(file)}\">evidence</a>" : string.Empty;
                link += scenario.CaptureFile is { } capture ? $" · <a class=\"capture\" href=\"bundle/{E(capture)}\">capture (pcapng)</a>" : string.Empty;
                var message = scenario.Message is { } m ? $"<br><small>{E(m)}</small>" : string.Empty;
                html.Append(CultureInfo.InvariantCulture, $"<li class=\"v-{ReportBuilder.VerdictName(scenario.Verdict)}\">{ReportBuilder.VerdictName(scenario.Verdict)}: {E(scenario.Name)}{link}{message}</li>");
            }

            html.Append("</ul></td></tr>\n");
        }

        html.Append("</tbody></table></div>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static string Select(string name, string label, IEnumerable<string> values) =>
        $"<label>{label} <select name=\"{name}\"><option value=\"\">all</option>{string.Concat(values.Select(v => $"<option value=\"{E(v)}\">{E(v)}</option>"))}</select></label>\n";

    private static void CopyBundle(string from, IEnumerable<string> files, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in files.Append(BundleManifest.FileName).Append(BundleManifest.SignatureFileName))
        {
            var target = Path.Combine(to, file);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(Path.Combine(from, file), target, overwrite: true);
        }
    }
}
