using System.Diagnostics;
using Stir;

namespace Stir.Tests;

/// <summary>
/// Interop with secsipidx (Debian package secsipidx), an independent STIR/SHAKEN implementation: its signature must
/// verify with ours and ours with it. It runs as a CLI process on files in a scratch folder; no network is used.
/// </summary>
[NonParallelizable]
public sealed class SecsipidxInteropTests
{
    private const string Tool = "secsipidx";
    private string _folder = string.Empty;

    [SetUp]
    public void RequireTool()
    {
        if (!IsInstalled(Tool))
        {
            Assert.Ignore("secsipidx is not installed: run `bash .ci/install` (Debian package secsipidx) to run the STIR/SHAKEN interop tests.");
        }

        _folder = Directory.CreateTempSubdirectory("stir-interop-").FullName;
    }

    [TearDown]
    public void RemoveFolder()
    {
        if (_folder.Length > 0)
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Test]
    public async Task Our_signature_verifies_with_secsipidx()
    {
        var certificate = Write("ours.pem", Signers.Trusted.CertificatePem);
        var identity = PassportToken.SignHeader(Signers.Passport(), Signers.Trusted.Key).ToString();

        var (code, output) = await RunAsync("-check", "-identity", identity, "-p", certificate, "-expire", "60");

        Assert.That(code, Is.Zero, $"secsipidx refused our Identity header: {output}\n{identity}");
        Assert.That(output, Does.Contain("ok"));
    }

    [Test]
    public async Task A_forgery_of_ours_is_refused_by_secsipidx_too()
    {
        using var impostor = SigningCredential.CreateSelfSigned(Signers.TrustedX5u, "impostor", TimeSpan.FromDays(1));
        var certificate = Write("ours.pem", Signers.Trusted.CertificatePem);
        var identity = PassportToken.SignHeader(Signers.Passport(), impostor.Key).ToString();

        var (code, output) = await RunAsync("-check", "-identity", identity, "-p", certificate, "-expire", "60");

        Assert.That(code, Is.Not.Zero, $"secsipidx accepted a signature by a key other than the certificate's: {output}");
    }

    [Test]
    public async Task Secsipidx_signature_verifies_with_ours()
    {
        using var theirs = SigningCredential.CreateSelfSigned("https://cert.secsipidx.example/cert.pem", "secsipidx signer", TimeSpan.FromDays(1));
        var key = Write("theirs.key", theirs.Key.ExportECPrivateKeyPem());
        var (code, output) = await RunAsync(
            "-sign-full", "-k", key, "-o", Signers.Caller, "-d", Signers.Callee, "-a", "B",
            "-x5u", theirs.X5u, "-orig-id", "0c2a9a5e-3a55-4e1b-b1d2-8f1c70f5a001");
        Assert.That(code, Is.Zero, $"secsipidx could not sign: {output}");
        var repository = new CertificateRepository();
        repository.Add(theirs.X5u, theirs.CertificatePem);

        var verdict = new PassportVerifier(repository, new VerifierOptions()).Verify(output.Trim(), Signers.Caller, Signers.Callee, DateTimeOffset.UtcNow);

        Assert.That(verdict.Passed, Is.True, $"{verdict.StatusCode} {verdict.Detail}: {output}");
        Assert.That((verdict.Token!.Attest, verdict.Token.OrigId), Is.EqualTo(("B", "0c2a9a5e-3a55-4e1b-b1d2-8f1c70f5a001")));
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    private async Task<(int Code, string Output)> RunAsync(params string[] arguments)
    {
        var info = new ProcessStartInfo(Tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _folder,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{Tool} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            Assert.Fail($"{Tool} {string.Join(' ', arguments)} did not finish within 20 s");
        }

        return (process.ExitCode, (await stdout) + (await stderr));
    }

    private static bool IsInstalled(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':').Any(dir => File.Exists(Path.Combine(dir, tool)));
}
