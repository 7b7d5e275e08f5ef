using Conformance.Reporting.Bundle;
using Conformance.SpecModel;

namespace Conformance.Reporting.Tests;

/// <summary>verify recomputes everything: changing any byte of any file of a bundle, or its signature, is caught and named.</summary>
public sealed class BundleVerificationTests
{
    private static readonly Lazy<string> Pristine = new(() => SampleBundle.Write());

    [Test]
    public void AFreshBundleIsIntactAndHoldsEveryPart()
    {
        var verification = BundleVerifier.Verify(Pristine.Value);

        Assert.That(verification.Problems, Is.Empty);
        Assert.That(verification.Manifest!.Files.Select(f => f.Path), Is.SupersetOf(new[]
        {
            "conformance-report.json", "junit.xml", "messages.ndjson", "report.html", "scenario-outcomes.json",
        }));
        Assert.That(verification.Manifest.Files.Count(f => f.Path.StartsWith("evidence/", StringComparison.Ordinal)), Is.EqualTo(4), "three scenarios' text and one capture");
    }

    [Test]
    public void ChangingOneByteOfAnyFileIsCaughtAndTheFileNamed()
    {
        var files = Directory.GetFiles(Pristine.Value, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Pristine.Value, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToList();
        Assert.That(files, Does.Contain(BundleManifest.FileName).And.Contain(BundleManifest.SignatureFileName));

        var missed = new List<string>();
        foreach (var file in files)
        {
            foreach (var position in new[] { 0.0, 0.5, 1.0 })
            {
                var copy = SampleBundle.NewDirectory();
                SampleBundle.CopyDirectory(Pristine.Value, copy);
                var path = Path.Combine(copy, file);
                var bytes = File.ReadAllBytes(path);
                var at = (int)Math.Min(bytes.Length - 1, Math.Floor(position * bytes.Length));
                bytes[at] ^= 0x01;
                File.WriteAllBytes(path, bytes);

                var verification = BundleVerifier.Verify(copy);

                if (verification.Intact || !verification.Problems.Any(p => Names(p, file)))
                {
                    missed.Add($"{file} byte {at}: {string.Join(" | ", verification.Problems)}");
                }
            }
        }

        Assert.That(missed, Is.Empty);
    }

    /// <summary>
    /// Whether a problem names the changed file: as its subject, or, for the manifest, as what its signature no longer
    /// matches. A byte changed inside one of the manifest's hashes is also reported against the file that hash is for
    /// (which hash, and so whether the manifest's middle byte falls in one, varies with the run's key and times); the
    /// signature's problem is the one that names the manifest then.
    /// </summary>
    private static bool Names(string problem, string file) =>
        problem.StartsWith(file + ":", StringComparison.Ordinal)
        || (file == BundleManifest.FileName
            && problem.StartsWith(BundleManifest.SignatureFileName + ": the signature does not match " + BundleManifest.FileName + " ", StringComparison.Ordinal));

    [Test]
    public void ARemovedFileAndAnAddedFileAreBothNamed()
    {
        var copy = SampleBundle.NewDirectory();
        SampleBundle.CopyDirectory(Pristine.Value, copy);
        File.Delete(Path.Combine(copy, "junit.xml"));
        File.WriteAllText(Path.Combine(copy, "evidence", "999-forged.txt"), "nothing happened");

        var problems = BundleVerifier.Verify(copy).Problems;

        Assert.That(problems, Has.Some.StartsWith("junit.xml: missing").And.Some.StartsWith("evidence/999-forged.txt: not listed"));
    }

    [Test]
    public void AManifestReSignedWithAnotherKeyFailsAgainstTheTrustedKey()
    {
        using var lab = BundleSigning.NewEphemeralKey();
        using var forger = BundleSigning.NewEphemeralKey();
        var bundle = SampleBundle.Write(forger);

        var verification = BundleVerifier.Verify(bundle, lab.ExportSubjectPublicKeyInfo());
        var trusted = BundleVerifier.Verify(bundle, forger.ExportSubjectPublicKeyInfo());

        Assert.That(verification.Problems, Has.Some.Contains("not by the trusted key"));
        Assert.That(trusted.Intact, Is.True, string.Join(" | ", trusted.Problems));
    }

    [Test]
    public void AReportWhoseVerdictDisagreesWithItsScenariosIsNamedEvenWhenReSigned()
    {
        var outcomes = SampleBundle.Outcomes();
        var honest = SampleBundle.Report(outcomes);
        var forged = honest with
        {
            Requirements = honest.Requirements.Select(r => r.Id == "INT-SIG-001" ? r with { Verdict = Verdict.Passed } : r).ToList(),
        };
        var directory = SampleBundle.NewDirectory();
        using var key = BundleSigning.NewEphemeralKey();
        BundleWriter.Write(directory, forged, outcomes, SampleBundle.Spec, TargetRedaction.Redact("{}"), key, true);

        Assert.That(BundleVerifier.Verify(directory).Problems, Has.Some.Contains("INT-SIG-001 says passed but its scenarios roll up to failed"));
    }

    [Test]
    public void AReportWhoseSummaryClaimsConformanceIsNamedEvenWhenReSigned()
    {
        var outcomes = SampleBundle.Outcomes();
        var honest = SampleBundle.Report(outcomes);
        var forged = honest with { Summary = honest.Summary with { MustFailed = 0, Conforming = true } };
        var directory = SampleBundle.NewDirectory();
        using var key = BundleSigning.NewEphemeralKey();
        BundleWriter.Write(directory, forged, outcomes, SampleBundle.Spec, TargetRedaction.Redact("{}"), key, true);

        Assert.That(BundleVerifier.Verify(directory).Problems, Has.One.Contains("the summary does not count"));
    }

    [Test]
    public void APartialRunReSignedAsAFullConformingOneIsNamed()
    {
        var outcomes = SampleBundle.Outcomes().Where(o => o.Verdict != Verdict.Failed).ToList();
        var honest = SampleBundle.Report(outcomes);
        var forged = honest with { Summary = honest.Summary with { Conforming = true, FullScope = true, InScope = honest.Summary.Requirements } };
        var directory = SampleBundle.NewDirectory();
        using var key = BundleSigning.NewEphemeralKey();
        BundleWriter.Write(directory, forged, outcomes, SampleBundle.Spec, TargetRedaction.Redact("{}"), key, true);

        Assert.Multiple(() =>
        {
            Assert.That(honest.Summary.Conforming, Is.False, "most requirements were never reached");
            Assert.That(BundleVerifier.Verify(directory).Problems, Has.One.Contains("the summary does not count"));
        });
    }

    [Test]
    public void TheManifestCarriesTheRedactedTargetAndThePics()
    {
        var manifest = BundleVerifier.Verify(Pristine.Value).Manifest!;

        Assert.That(manifest.Target.GetProperty("api").GetProperty("password").GetString(), Is.EqualTo(TargetRedaction.Redacted));
        Assert.That(File.ReadAllText(Path.Combine(Pristine.Value, BundleManifest.FileName)), Does.Not.Contain("hunter2"));
        Assert.That(manifest.Pics, Does.ContainKey("INT-SIG"));
        Assert.That(manifest.SpecHash, Does.StartWith("sha256:"));
    }
}
