using Conformance.Reporting.Bundle;

namespace Conformance.Reporting.Site;

/// <summary>
/// One verified bundle as the site shows it: its folder name under systems/, the system it is a run of (vendor, product
/// and version; <see cref="Key"/> groups the runs of one system) and what it says.
/// </summary>
public sealed record SiteSystem(string Slug, string Name, string BundleDirectory, ConformanceReport Report, BundleManifest Manifest)
{
    public string Key => Name.ToUpperInvariant();

    /// <summary>When the run ended: the runs of one system are ordered by it, the latest first.</summary>
    public DateTimeOffset RunDate => Report.Finished;
}
