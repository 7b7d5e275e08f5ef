using System.Text.Json;
using Conformance.SpecModel;

namespace Conformance.Reporting.Bundle;

/// <summary>
/// manifest.json: what the bundle holds (SHA-256 and size of every file), which suite and spec produced it,
/// the target file with credentials removed, the PICS used, the seed the run drew its data from, whether the run was
/// interrupted (so a partial bundle cannot pass for a whole one), and the public key whose signature is in manifest.sig.
/// </summary>
public sealed record BundleManifest(
    string ManifestVersion,
    SuiteInfo Suite,
    string SpecHash,
    string? RunId,
    DateTimeOffset Created,
    JsonElement Target,
    IReadOnlyDictionary<string, bool> Pics,
    IReadOnlyList<ManifestEntry> Files,
    SignerInfo Signer,
    int? Seed = null,
    bool? Interrupted = null)
{
    public const string FileName = "manifest.json";
    public const string SignatureFileName = "manifest.sig";
    public const string CurrentVersion = "1.0";
}
