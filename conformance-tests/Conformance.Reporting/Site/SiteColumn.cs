namespace Conformance.Reporting.Site;

/// <summary>One system in the matrix: its latest run, which the column shows, and its earlier runs, latest first.</summary>
public sealed record SiteColumn(SiteSystem Latest, IReadOnlyList<SiteSystem> Earlier)
{
    public IEnumerable<SiteSystem> Runs => Earlier.Prepend(Latest);
}
