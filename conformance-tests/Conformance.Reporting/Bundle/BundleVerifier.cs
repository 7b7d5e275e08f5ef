using System.Security.Cryptography;
using System.Text.Json;
using Conformance.SpecModel;

namespace Conformance.Reporting.Bundle;

/// <summary>
/// Recomputes a bundle: the signature of manifest.json, the SHA-256 and size of every file it lists, files it does not
/// list, and the report's own consistency (suite, spec hash and PICS as in the manifest; each verdict as its scenarios roll up).
/// </summary>
public static class BundleVerifier
{
    public static BundleVerification Verify(string directory, byte[]? trustedPublicKey = null, string? expectedSpecHash = null)
    {
        var problems = new List<string>();
        var notes = new List<string>();
        if (!Directory.Exists(directory))
        {
            return new BundleVerification(directory, [$"{directory}: no such folder; pass the folder a run wrote (its --out)."], notes, null, null);
        }

        var manifestPath = Path.Combine(directory, BundleManifest.FileName);
        if (!File.Exists(manifestPath))
        {
            return new BundleVerification(directory, [$"{BundleManifest.FileName}: missing; this folder is not a signed result bundle."], notes, null, null);
        }

        var manifestBytes = File.ReadAllBytes(manifestPath);
        BundleManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<BundleManifest>(manifestBytes, ReportWriter.Json);
        }
        catch (JsonException ex)
        {
            return new BundleVerification(directory, [$"{BundleManifest.FileName}: not a valid manifest ({ex.Message.Split('.')[0]})."], notes, null, null);
        }

        if (manifest?.Files is null || manifest.Signer?.PublicKey is null)
        {
            return new BundleVerification(directory, [$"{BundleManifest.FileName}: not a valid manifest (files or signer missing)."], notes, null, null);
        }

        CheckSignature(directory, manifest, manifestBytes, trustedPublicKey, problems, notes);
        CheckFiles(directory, manifest, problems);
        var report = CheckReport(directory, manifest, problems);
        if (expectedSpecHash is not null && manifest.SpecHash != expectedSpecHash)
        {
            notes.Add($"spec: the bundle ran spec {manifest.SpecHash}, this suite ships {expectedSpecHash}.");
        }

        return new BundleVerification(directory, problems, notes, manifest, report);
    }

    private static void CheckSignature(string directory, BundleManifest manifest, byte[] manifestBytes, byte[]? trusted, List<string> problems, List<string> notes)
    {
        var signaturePath = Path.Combine(directory, BundleManifest.SignatureFileName);
        byte[] publicKey;
        try
        {
            publicKey = Convert.FromBase64String(manifest.Signer.PublicKey);
        }
        catch (FormatException)
        {
            problems.Add($"{BundleManifest.FileName}: signer.publicKey is not base64.");
            return;
        }

        if (!File.Exists(signaturePath))
        {
            problems.Add($"{BundleManifest.SignatureFileName}: missing; the manifest is unsigned.");
        }
        else
        {
            // Only the canonical form is accepted (base64 and one newline), so no byte of the file can change unnoticed.
            byte[]? signature = null;
            var text = File.ReadAllText(signaturePath);
            try
            {
                signature = Convert.FromBase64String(text.TrimEnd('\n'));
                if (Convert.ToBase64String(signature) + "\n" != text)
                {
                    signature = null;
                    problems.Add($"{BundleManifest.SignatureFileName}: not the canonical base64 signature and one newline; the file was changed.");
                }
            }
            catch (FormatException)
            {
                problems.Add($"{BundleManifest.SignatureFileName}: not base64; the signature is damaged.");
            }

            if (signature is not null && !BundleSigning.Verify(publicKey, manifestBytes, signature))
            {
                problems.Add($"{BundleManifest.SignatureFileName}: the signature does not match {BundleManifest.FileName} and key {BundleSigning.KeyId(publicKey)}; the manifest or the signature was changed.");
            }
        }

        if (trusted is not null && !trusted.AsSpan().SequenceEqual(publicKey))
        {
            problems.Add($"{BundleManifest.FileName}: signed by key {BundleSigning.KeyId(publicKey)}, not by the trusted key {BundleSigning.KeyId(trusted)}.");
        }
        else if (trusted is null)
        {
            notes.Add(manifest.Signer.Ephemeral
                ? $"signer: an ephemeral key {BundleSigning.KeyId(publicKey)} made by the run itself; the bundle is intact but not attributable (sign runs with --signing-key)."
                : $"signer: key {BundleSigning.KeyId(publicKey)}; pass --trusted-key to require a particular signer.");
        }
    }

    private static void CheckFiles(string directory, BundleManifest manifest, List<string> problems)
    {
        var root = Path.GetFullPath(directory);
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in manifest.Files)
        {
            var full = Path.GetFullPath(Path.Combine(root, entry.Path ?? string.Empty));
            if (string.IsNullOrEmpty(entry.Path) || Path.IsPathRooted(entry.Path) || !full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                problems.Add($"{BundleManifest.FileName}: lists \"{entry.Path}\", which is outside the bundle.");
                continue;
            }

            listed.Add(entry.Path);
            if (entry.Sha256 is not { Length: 64 } sha || !sha.All(char.IsAsciiHexDigitLower))
            {
                // A changed key name reads as a missing hash: the manifest, not the file, is what was altered.
                problems.Add($"{BundleManifest.FileName}: the entry for \"{entry.Path}\" has no SHA-256 of 64 hex digits; the manifest was changed.");
                continue;
            }

            if (!File.Exists(full))
            {
                problems.Add($"{entry.Path}: missing (listed in the manifest).");
                continue;
            }

            var bytes = File.ReadAllBytes(full);
            var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
            if (!string.Equals(hash, entry.Sha256, StringComparison.Ordinal))
            {
                problems.Add($"{entry.Path}: SHA-256 is {hash}, the manifest says {entry.Sha256}; the file was changed.");
            }
            else if (bytes.LongLength != entry.Bytes)
            {
                problems.Add($"{entry.Path}: {bytes.LongLength} bytes, the manifest says {entry.Bytes}.");
            }
        }

        foreach (var extra in Directory.GetFiles(root, "*", SearchOption.AllDirectories)
                     .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
                     .Where(f => f is not (BundleManifest.FileName or BundleManifest.SignatureFileName) && !listed.Contains(f))
                     .Order(StringComparer.Ordinal))
        {
            problems.Add($"{extra}: not listed in the manifest; it was added after signing.");
        }
    }

    private static ConformanceReport? CheckReport(string directory, BundleManifest manifest, List<string> problems)
    {
        var path = Path.Combine(directory, ReportWriter.ReportFileName);
        if (!File.Exists(path))
        {
            if (!manifest.Files.Any(f => f.Path == ReportWriter.ReportFileName))
            {
                problems.Add($"{ReportWriter.ReportFileName}: missing from the bundle and its manifest.");
            }

            return null;
        }

        ConformanceReport report;
        try
        {
            report = ReportWriter.Read(path);
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException)
        {
            problems.Add($"{ReportWriter.ReportFileName}: not a readable report ({ex.Message.Split('.')[0]}).");
            return null;
        }

        const string file = ReportWriter.ReportFileName;
        if (report.SpecHash != manifest.SpecHash)
        {
            problems.Add($"{file}: spec hash {report.SpecHash} differs from the manifest's {manifest.SpecHash}.");
        }

        if (report.Suite != manifest.Suite)
        {
            problems.Add($"{file}: suite {report.Suite.Name} {report.Suite.Version} differs from the manifest's {manifest.Suite.Name} {manifest.Suite.Version}.");
        }

        var reportPics = report.Pics ?? new Dictionary<string, bool>();
        if (reportPics.Count != manifest.Pics.Count || reportPics.Any(p => !manifest.Pics.TryGetValue(p.Key, out var v) || v != p.Value))
        {
            problems.Add($"{file}: the PICS differs from the manifest's.");
        }

        foreach (var requirement in report.Requirements ?? [])
        {
            var level = requirement.Level switch { "MUST" => RequirementLevel.Must, "SHOULD" => RequirementLevel.Should, _ => RequirementLevel.May };
            var rolled = ReportBuilder.RollUp(level, (requirement.Scenarios ?? []).Select(s => s.Verdict).ToList());
            if (rolled != requirement.Verdict)
            {
                problems.Add($"{file}: {requirement.Id} says {ReportBuilder.VerdictName(requirement.Verdict)} but its scenarios roll up to {ReportBuilder.VerdictName(rolled)}.");
            }
        }

        CheckSummary(report, problems);
        return report;
    }

    /// <summary>The summary must count what the requirements say, so a hand-edited "conforming" cannot stand.</summary>
    private static void CheckSummary(ConformanceReport report, List<string> problems)
    {
        var requirements = report.Requirements ?? [];
        var mustFailed = requirements.Count(r => r.Level == "MUST" && r.Verdict == Verdict.Failed);
        var mustInconclusive = requirements.Count(r => r.Level == "MUST" && r.Verdict == Verdict.Inconclusive);
        var summary = report.Summary;
        var skipped = requirements.Count(r => r.Verdict == Verdict.Skipped);
        if (summary is null || summary.Requirements != requirements.Count || summary.MustFailed != mustFailed
            || summary.MustInconclusive != mustInconclusive
            || summary.InScope < requirements.Count - skipped || summary.InScope > requirements.Count
            || summary.FullScope != (summary.InScope == requirements.Count)
            || summary.Conforming != ReportBuilder.IsConforming(summary.FullScope, mustFailed, mustInconclusive, skipped)
            || Enum.GetValues<Verdict>().Any(v => summary.ByVerdict.GetValueOrDefault(ReportBuilder.VerdictName(v)) != requirements.Count(r => r.Verdict == v)))
        {
            problems.Add($"{ReportWriter.ReportFileName}: the summary does not count the requirements' verdicts ({mustFailed} MUST failed, {mustInconclusive} MUST inconclusive).");
        }
    }
}
