using System.Text;
using Stir;

namespace Stir.Tests;

public sealed class PassportVerifierTests
{
    [Test]
    public void A_passport_signed_by_a_trusted_signer_verifies_and_keeps_its_claims()
    {
        var identity = PassportToken.SignHeader(Signers.Passport(), Signers.Trusted.Key).ToString();

        var verdict = Signers.Verifier().Verify(identity, Signers.Caller, Signers.Callee, Signers.Now);

        Assert.That(verdict.Passed, Is.True, verdict.Detail);
        Assert.That(verdict.Token!.Attest, Is.EqualTo("A"));
        Assert.That(verdict.Token.OrigId, Is.EqualTo("5d1e3c4a-8a0e-4e8a-9a52-1b8e2a1f0c11"));
    }

    [Test]
    public void The_identity_header_has_the_full_form_with_info_alg_and_ppt()
    {
        var identity = PassportToken.SignHeader(Signers.Passport(), Signers.Trusted.Key).ToString();

        Assert.That(identity, Does.Match(@"^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+;info=<https://cert\.carrier\.example/shaken\.pem>;alg=ES256;ppt=shaken$"));
    }

    [Test]
    public void The_token_is_canonical_json_in_key_order()
    {
        var token = PassportToken.Sign(Signers.Passport(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000)), Signers.Trusted.Key);
        var parts = token.Split('.');
        Assert.That(Base64Url.TryDecode(parts[0], out var header), Is.True);
        Assert.That(Base64Url.TryDecode(parts[1], out var body), Is.True);

        Assert.That(Encoding.UTF8.GetString(header), Is.EqualTo("""{"alg":"ES256","ppt":"shaken","typ":"passport","x5u":"https://cert.carrier.example/shaken.pem"}"""));
        Assert.That(Encoding.UTF8.GetString(body), Is.EqualTo("""{"attest":"A","dest":{"tn":["8613987654321"]},"iat":1700000000,"orig":{"tn":"8613812345678"},"origid":"5d1e3c4a-8a0e-4e8a-9a52-1b8e2a1f0c11"}"""));
    }

    [Test]
    public void An_info_uri_with_a_semicolon_is_read_whole()
    {
        Assert.That(IdentityHeader.TryParse("a.b.c;info=<https://cert.example/x;v=1.pem>;alg=ES256;ppt=\"shaken\"", out var header), Is.True);
        Assert.That((header.Info, header.Alg, header.Ppt), Is.EqualTo(("https://cert.example/x;v=1.pem", "ES256", "shaken")));
    }

    [Test]
    public void No_identity_header_is_428()
    {
        var verdict = Signers.Verifier().Verify(null, Signers.Caller, Signers.Callee, Signers.Now);

        Assert.That((verdict.StatusCode, verdict.ReasonPhrase), Is.EqualTo((428, "Use Identity Header")));
    }

    [Test]
    public void An_x5u_the_repository_does_not_hold_is_436()
    {
        using var stranger = SigningCredential.CreateSelfSigned("https://cert.unknown.example/x.pem", "unknown", TimeSpan.FromDays(1));
        var identity = PassportToken.SignHeader(Signers.Passport(x5u: stranger.X5u), stranger.Key).ToString();

        var verdict = Signers.Verifier().Verify(identity, Signers.Caller, Signers.Callee, Signers.Now);

        Assert.That((verdict.StatusCode, verdict.ReasonPhrase), Is.EqualTo((436, "Bad Identity Info")), verdict.Detail);
    }

    [Test]
    public void Info_that_disagrees_with_x5u_or_is_missing_is_436()
    {
        var header = PassportToken.SignHeader(Signers.Passport(), Signers.Trusted.Key);

        var other = Signers.Verifier().Verify((header with { Info = "https://elsewhere.example/c.pem" }).ToString(), Signers.Caller, Signers.Callee, Signers.Now);
        var none = Signers.Verifier().Verify((header with { Info = null }).ToString(), Signers.Caller, Signers.Callee, Signers.Now);

        Assert.That((other.StatusCode, none.StatusCode), Is.EqualTo((436, 436)));
    }

    [Test]
    public void Another_algorithm_or_extension_is_437()
    {
        var header = PassportToken.SignHeader(Signers.Passport(), Signers.Trusted.Key);

        var rs256 = Signers.Verifier().Verify((header with { Alg = "RS256" }).ToString(), Signers.Caller, Signers.Callee, Signers.Now);
        var div = Signers.Verifier().Verify((header with { Ppt = "div" }).ToString(), Signers.Caller, Signers.Callee, Signers.Now);

        Assert.That((rs256.StatusCode, rs256.ReasonPhrase, div.StatusCode), Is.EqualTo((437, "Unsupported Credential", 437)));
    }

    [Test]
    public void A_certificate_without_a_p256_key_is_437()
    {
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=rsa", rsa, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var repository = new CertificateRepository();
        repository.Add(Signers.TrustedX5u, certificate.ExportCertificatePem());
        var identity = PassportToken.SignHeader(Signers.Passport(), Signers.Trusted.Key).ToString();

        var verdict = new PassportVerifier(repository, new VerifierOptions()).Verify(identity, Signers.Caller, Signers.Callee, Signers.Now);

        Assert.That(verdict.StatusCode, Is.EqualTo(437), verdict.Detail);
    }

    [Test]
    public void A_signature_by_another_key_is_438()
    {
        using var impostor = SigningCredential.CreateSelfSigned(Signers.TrustedX5u, "impostor", TimeSpan.FromDays(1));
        var identity = PassportToken.SignHeader(Signers.Passport(), impostor.Key).ToString();

        var verdict = Signers.Verifier().Verify(identity, Signers.Caller, Signers.Callee, Signers.Now);

        Assert.That((verdict.StatusCode, verdict.ReasonPhrase), Is.EqualTo((438, "Invalid Identity Header")), verdict.Detail);
    }

    [Test]
    public void With_signature_checks_off_the_same_forgery_passes()
    {
        using var impostor = SigningCredential.CreateSelfSigned(Signers.TrustedX5u, "impostor", TimeSpan.FromDays(1));
        var identity = PassportToken.SignHeader(Signers.Passport(), impostor.Key).ToString();

        var verdict = Signers.Verifier(new VerifierOptions { CheckSignature = false }).Verify(identity, Signers.Caller, Signers.Callee, Signers.Now);

        Assert.That(verdict.Passed, Is.True, "the mutant switch must switch off the signature check and nothing else");
    }

    [TestCase(Signers.Caller, "8613000000000", TestName = "A PASSporT for another callee is 438")]
    [TestCase("8613111111111", Signers.Callee, TestName = "A PASSporT for another caller is 438")]
    public void Claims_that_do_not_match_the_call_are_438(string calling, string called)
    {
        var identity = PassportToken.SignHeader(Signers.Passport(), Signers.Trusted.Key).ToString();

        var verdict = Signers.Verifier().Verify(identity, calling, called, Signers.Now);

        Assert.That(verdict.StatusCode, Is.EqualTo(438), verdict.Detail);
    }

    [TestCase(59, 200)]
    [TestCase(60, 200)]
    [TestCase(61, 403)]
    [TestCase(-61, 403)]
    public void Iat_further_than_the_freshness_from_now_is_403_stale_date(int ageSeconds, int expected)
    {
        var identity = PassportToken.SignHeader(Signers.Passport(Signers.Now.AddSeconds(-ageSeconds)), Signers.Trusted.Key).ToString();

        var verdict = Signers.Verifier().Verify(identity, Signers.Caller, Signers.Callee, Signers.Now);

        Assert.That(verdict.StatusCode, Is.EqualTo(expected), verdict.Detail);
        if (expected == 403)
        {
            Assert.That(verdict.ReasonPhrase, Is.EqualTo("Stale Date"));
        }
    }

    [Test]
    public void The_freshness_is_a_parameter()
    {
        var identity = PassportToken.SignHeader(Signers.Passport(Signers.Now.AddSeconds(-100)), Signers.Trusted.Key).ToString();

        var verdict = Signers.Verifier(new VerifierOptions { Freshness = TimeSpan.FromSeconds(120) }).Verify(identity, Signers.Caller, Signers.Callee, Signers.Now);

        Assert.That(verdict.Passed, Is.True, verdict.Detail);
    }

    [TestCase("")]
    [TestCase("   ")]
    [TestCase("garbage")]
    [TestCase("a.b")]
    [TestCase("a.b.c;info=<x>")]
    [TestCase("e30.e30.AA;info=<https://cert.carrier.example/shaken.pem>")]
    [TestCase("!!!.???.***;info=<https://cert.carrier.example/shaken.pem>")]
    [TestCase("eyJhbGciOiJFUzI1NiJ9.bm90IGpzb24.AA;info=<https://cert.carrier.example/shaken.pem>")]
    [TestCase("x.y.z;info=https://no-brackets")]
    [TestCase("x.y.z;;;")]
    public void Malformed_identity_headers_are_refused_without_throwing(string identity)
    {
        var verdict = Signers.Verifier().Verify(identity, Signers.Caller, Signers.Callee, Signers.Now);

        Assert.That(verdict.Passed, Is.False);
        Assert.That(verdict.StatusCode, Is.AnyOf(428, 436, 437, 438));
    }
}
