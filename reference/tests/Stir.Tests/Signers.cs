using Stir;

namespace Stir.Tests;

/// <summary>Credentials and PASSporTs shared by the tests: one signer the verifier trusts, one it does not know.</summary>
internal static class Signers
{
    public const string TrustedX5u = "https://cert.carrier.example/shaken.pem";
    public const string Caller = "8613812345678";
    public const string Callee = "8613987654321";

    public static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    public static SigningCredential Trusted { get; } = SigningCredential.CreateSelfSigned(TrustedX5u, "carrier.example SHAKEN", TimeSpan.FromDays(30));

    public static Passport Passport(DateTimeOffset? iat = null, string x5u = TrustedX5u) =>
        new(Caller, [Callee], iat ?? Now, Attestation.A, "5d1e3c4a-8a0e-4e8a-9a52-1b8e2a1f0c11", x5u);

    public static PassportVerifier Verifier(VerifierOptions? options = null)
    {
        var repository = new CertificateRepository();
        repository.Add(TrustedX5u, Trusted.CertificatePem);
        return new PassportVerifier(repository, options ?? new VerifierOptions());
    }
}
