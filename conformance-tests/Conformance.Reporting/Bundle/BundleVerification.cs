namespace Conformance.Reporting.Bundle;

/// <summary>The outcome of verifying a bundle: every mismatch, each naming its file; notes are facts that are not failures.</summary>
public sealed record BundleVerification(
    string Directory,
    IReadOnlyList<string> Problems,
    IReadOnlyList<string> Notes,
    BundleManifest? Manifest,
    ConformanceReport? Report)
{
    public bool Intact => Problems.Count == 0;
}
