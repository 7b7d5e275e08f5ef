namespace Conformance.Reporting.Bundle;

/// <summary>One file of a bundle: its path relative to the bundle (forward slashes), SHA-256 in lower-case hex, and size.</summary>
public sealed record ManifestEntry(string Path, string Sha256, long Bytes);
