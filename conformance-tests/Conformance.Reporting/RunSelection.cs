namespace Conformance.Reporting;

/// <summary>How the run chose its scenarios (--tags, --profile, --rerun-failed); requirements left out are reported skipped.</summary>
public sealed record RunSelection(IReadOnlyList<string> Tags, string? Profile, string? RerunOf);
