using Conformance.Harness.Stir;

namespace Conformance.Harness.Tests.Stir;

/// <summary>
/// The suite's PASSporT signer and checker (jose-jwt) agree with secsipidx, an implementation neither the suite nor
/// the reference wrote: what one signs the other verifies, and what is signed with the wrong key neither accepts.
/// </summary>
public sealed class PassportCrossCheckTests
{
    private const string X5u = "https://cert.cross-check.example/carrier.pem";
    private static readonly TimeSpan Freshness = TimeSpan.FromSeconds(60);
    private string _folder = string.Empty;
    private StirCredential _carrier = null!;
    private StirCredential _other = null!;

    [SetUp]
    public void Credentials()
    {
        Secsipidx.RequireInstalled();
        _folder = Directory.CreateTempSubdirectory("passport-cross-check-").FullName;
        _carrier = StirCredential.CreateSelfSigned(X5u, "cross-check carrier", TimeSpan.FromDays(30));
        _other = StirCredential.CreateSelfSigned(X5u, "another carrier", TimeSpan.FromDays(30));
        File.WriteAllText(Path.Combine(_folder, "carrier.key.pem"), _carrier.PrivateKeyPem);
        File.WriteAllText(Path.Combine(_folder, "carrier.pem"), _carrier.CertificatePem);
        File.WriteAllText(Path.Combine(_folder, "other.pem"), _other.CertificatePem);
    }

    [TearDown]
    public void Clean()
    {
        // Null when secsipidx is missing and the set-up stopped before making them.
        _carrier?.Dispose();
        _other?.Dispose();
        if (_folder.Length > 0)
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Test]
    public void What_the_suite_signs_secsipidx_verifies()
    {
        var identity = PassportSigner.SignHeader(Claims(DateTimeOffset.UtcNow), _carrier.Key);

        var (exitCode, output) = Secsipidx.Run("-check", "-identity", identity, "-p", Path.Combine(_folder, "carrier.pem"), "-expire", "300");

        Assert.That(exitCode, Is.Zero, $"secsipidx refused the suite's PASSporT: {output}");
    }

    [Test]
    public void What_the_suite_signs_with_another_key_secsipidx_refuses()
    {
        var identity = PassportSigner.SignHeader(Claims(DateTimeOffset.UtcNow), _other.Key);

        var (exitCode, output) = Secsipidx.Run("-check", "-identity", identity, "-p", Path.Combine(_folder, "carrier.pem"), "-expire", "300");

        Assert.That(exitCode, Is.Not.Zero, $"secsipidx accepted a PASSporT signed with a key other than the certificate's: {output}");
    }

    [Test]
    public void What_secsipidx_signs_the_suites_check_verifies()
    {
        var identity = SignedBySecsipidx();

        var verdict = Checker(_carrier).Check(identity, "8613800138000", "8613900139000", DateTimeOffset.UtcNow, Freshness);

        Assert.That(verdict.Passed, Is.True, verdict.Problem);
        Assert.That(verdict.Claims!.Attest, Is.EqualTo("A"));
        Assert.That(verdict.Claims.OrigId, Is.EqualTo("3f1c2b9e-7d4a-4c1e-9b8f-5a6d7e8f9a0b"));
    }

    [Test]
    public void What_secsipidx_signs_the_suites_check_refuses_under_another_certificate()
    {
        var verdict = Checker(_other).Check(SignedBySecsipidx(), "8613800138000", "8613900139000", DateTimeOffset.UtcNow, Freshness);

        Assert.That(verdict.Passed, Is.False);
        Assert.That(verdict.Problem, Does.Contain("signature does not verify"));
    }

    [Test]
    public void The_suites_check_refuses_a_passport_about_another_call_a_stale_one_and_one_naming_another_x5u()
    {
        var now = DateTimeOffset.UtcNow;
        var check = Checker(_carrier);
        var good = PassportSigner.SignHeader(Claims(now), _carrier.Key);
        var stale = PassportSigner.SignHeader(Claims(now - Freshness - TimeSpan.FromSeconds(5)), _carrier.Key);
        var elsewhere = PassportSigner.SignHeader(Claims(now) with { X5u = "https://cert.elsewhere.example/x.pem" }, _carrier.Key);

        Assert.Multiple(() =>
        {
            Assert.That(check.Check(good, "8613800138000", "8613900139000", now, Freshness).Passed, Is.True, "the control passes");
            Assert.That(check.Check(good, "8613800138000", "8613700137000", now, Freshness).Problem, Does.Contain("not this call's"));
            Assert.That(check.Check(stale, "8613800138000", "8613900139000", now, Freshness).Problem, Does.Contain("iat"));
            Assert.That(check.Check(elsewhere, "8613800138000", "8613900139000", now, Freshness).Problem, Does.Contain("no certificate"));
            Assert.That(check.Check(good.Split(';')[0], "8613800138000", "8613900139000", now, Freshness).Problem, Does.Contain("info"));
        });
    }

    private string SignedBySecsipidx()
    {
        var (exitCode, output) = Secsipidx.Run(
            "-sign-full", "-k", Path.Combine(_folder, "carrier.key.pem"), "-x5u", X5u,
            "-o", "8613800138000", "-d", "8613900139000", "-a", "A", "-orig-id", "3f1c2b9e-7d4a-4c1e-9b8f-5a6d7e8f9a0b");
        Assert.That(exitCode, Is.Zero, $"secsipidx could not sign: {output}");
        return output.Split('\n').Last(l => l.Contains(";info=", StringComparison.Ordinal)).Trim();
    }

    [Test]
    public void An_info_uri_holding_a_semicolon_is_read_whole()
    {
        const string x5u = "https://cert.cross-check.example/carrier.pem;v=2";
        var certificates = new SutCertificates();
        certificates.Add(x5u, _carrier.CertificatePem);
        var identity = PassportSigner.SignHeader(Claims(DateTimeOffset.UtcNow) with { X5u = x5u }, _carrier.Key);

        var verdict = new PassportCheck(certificates).Check(identity, "8613800138000", "8613900139000", DateTimeOffset.UtcNow, Freshness);

        Assert.That(verdict.Passed, Is.True, verdict.Problem);
    }

    private static PassportCheck Checker(StirCredential trusted)
    {
        var certificates = new SutCertificates();
        certificates.Add(X5u, trusted.CertificatePem);
        return new PassportCheck(certificates);
    }

    private static PassportClaims Claims(DateTimeOffset iat) =>
        new("8613800138000", ["8613900139000"], iat.ToUnixTimeSeconds(), "A", "3f1c2b9e-7d4a-4c1e-9b8f-5a6d7e8f9a0b", X5u);
}
