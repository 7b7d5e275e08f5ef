using System.Security.Cryptography;
using System.Text.Json;
using Conformance.SpecModel;

namespace Conformance.Reporting.Bundle;

/// <summary>
/// Writes the result bundle into a run's folder: the report, per-scenario evidence, JUnit XML, Cucumber Messages and
/// their HTML report, then the manifest over all of them and its detached signature.
/// </summary>
public static class BundleWriter
{
    /// <summary>The files a bundle is made of, besides evidence/*: anything else in the folder is not part of it.</summary>
    public static readonly IReadOnlyList<string> TopLevelFiles =
    [
        ReportWriter.ReportFileName, ScenarioOutcomeFile.FileName, JUnitWriter.FileName,
        CucumberReportWriter.MessagesFileName, CucumberReportWriter.HtmlFileName,
    ];

    public static BundleManifest Write(
        string directory,
        ConformanceReport report,
        IReadOnlyList<ScenarioOutcome> outcomes,
        string specDirectory,
        JsonElement redactedTarget,
        ECDsa signingKey,
        bool ephemeralKey)
    {
        Directory.CreateDirectory(directory);
        ScenarioOutcomeFile.Write(directory, outcomes);
        ReportWriter.Write(report, directory);
        EvidenceWriter.WriteAll(directory, outcomes);
        JUnitWriter.Write(directory, outcomes);
        var envelopes = CucumberMessages.Build(specDirectory, outcomes, report.Suite, report.Started, report.Finished);
        CucumberReportWriter.Write(directory, envelopes, $"Conformance: {report.Target.Description}");

        var manifest = new BundleManifest(
            BundleManifest.CurrentVersion,
            report.Suite,
            report.SpecHash,
            report.RunId,
            report.Finished,
            redactedTarget,
            report.Pics ?? new Dictionary<string, bool>(),
            BundleFiles(directory).Select(path => Entry(directory, path)).ToList(),
            BundleSigning.Describe(signingKey, ephemeralKey),
            report.Seed,
            report.Interrupted);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(manifest, ReportWriter.Json);
        File.WriteAllBytes(Path.Combine(directory, BundleManifest.FileName), bytes);
        File.WriteAllText(Path.Combine(directory, BundleManifest.SignatureFileName), Convert.ToBase64String(BundleSigning.Sign(signingKey, bytes)) + "\n");
        return manifest;
    }

    /// <summary>Bundle-relative paths, sorted, of the files the writer produced and that exist.</summary>
    public static IReadOnlyList<string> BundleFiles(string directory)
    {
        var evidence = Path.Combine(directory, EvidenceWriter.Folder);
        var files = TopLevelFiles.Where(f => File.Exists(Path.Combine(directory, f))).ToList();
        if (Directory.Exists(evidence))
        {
            files.AddRange(Directory.GetFiles(evidence, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(directory, f).Replace('\\', '/')));
        }

        return files.Order(StringComparer.Ordinal).ToList();
    }

    public static ManifestEntry Entry(string directory, string relativePath)
    {
        var bytes = File.ReadAllBytes(Path.Combine(directory, relativePath));
        return new ManifestEntry(relativePath, Convert.ToHexStringLower(SHA256.HashData(bytes)), bytes.LongLength);
    }
}
