using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Stir;

namespace Conformance.Harness.Stir;

/// <summary>
/// The STIR/SHAKEN credentials of one test run: the suite's own signer (a domestic carrier that signs its calls), a
/// signer whose certificate has expired, and, for the embedded reference, the node's signer. The SUT must trust
/// the suite's certificates under their x5u; the suite trusts the SUT's certificate under its x5u. No x5u is ever
/// fetched: both sides hold the certificates locally, so traffic stays on loopback.
/// </summary>
public sealed class SuiteStirCredentials
{
    public const string SuiteX5u = "https://cert.conformance-suite.example/carrier.pem";
    public const string ExpiredX5u = "https://cert.conformance-suite.example/expired.pem";
    public const string UnknownX5u = "https://cert.unknown-carrier.example/shaken.pem";
    public const string ReferenceX5u = "https://cert.reference.example/shaken.pem";

    private static readonly Lazy<SuiteStirCredentials> Lazy = new(() => new SuiteStirCredentials());
    private readonly Lazy<string> _folder;

    private SuiteStirCredentials()
    {
        // Valid for years: a test clock moved forward by a scenario must not outrun them.
        Suite = SigningCredential.CreateSelfSigned(SuiteX5u, "conformance suite carrier", TimeSpan.FromDays(3650));
        Unknown = SigningCredential.CreateSelfSigned(UnknownX5u, "carrier the SUT does not know", TimeSpan.FromDays(3650));
        Expired = CreateExpired();
        Reference = SigningCredential.CreateSelfSigned(ReferenceX5u, "reference screening node", TimeSpan.FromDays(3650));
        SutCertificates = new CertificateRepository();
        SutCertificates.Add(ReferenceX5u, Reference.CertificatePem);
        _folder = new Lazy<string>(WriteFiles);
    }

    public static SuiteStirCredentials Shared => Lazy.Value;

    /// <summary>The suite's signer; the SUT must trust its certificate under <see cref="SuiteX5u"/>.</summary>
    public SigningCredential Suite { get; }

    /// <summary>A signer whose certificate expired yesterday; the SUT trusts it under <see cref="ExpiredX5u"/> all the same.</summary>
    public SigningCredential Expired { get; }

    /// <summary>A signer whose certificate the SUT was never given.</summary>
    public SigningCredential Unknown { get; }

    /// <summary>The embedded reference's signer.</summary>
    public SigningCredential Reference { get; }

    /// <summary>The certificates the suite verifies the SUT's Identity headers with, by x5u.</summary>
    public CertificateRepository SutCertificates { get; }

    /// <summary>The reference node's configuration: STIR on, its signer, and the suite's certificates as trusted.</summary>
    public IEnumerable<string> AsReferenceArguments()
    {
        var folder = _folder.Value;
        return
        [
            "--Stir:Enabled=true",
            $"--Stir:X5u={ReferenceX5u}",
            $"--Stir:SigningKey={Path.Combine(folder, "reference.key.pem")}",
            $"--Stir:Certificate={Path.Combine(folder, "reference.pem")}",
            $"--Stir:Trusted:0:X5u={SuiteX5u}",
            $"--Stir:Trusted:0:Certificate={Path.Combine(folder, "carrier.pem")}",
            $"--Stir:Trusted:1:X5u={ExpiredX5u}",
            $"--Stir:Trusted:1:Certificate={Path.Combine(folder, "expired.pem")}",
        ];
    }

    private string WriteFiles()
    {
        var folder = Directory.CreateTempSubdirectory("conformance-stir-").FullName;
        File.WriteAllText(Path.Combine(folder, "reference.key.pem"), Reference.PrivateKeyPem);
        File.WriteAllText(Path.Combine(folder, "reference.pem"), Reference.CertificatePem);
        File.WriteAllText(Path.Combine(folder, "carrier.pem"), Suite.CertificatePem);
        File.WriteAllText(Path.Combine(folder, "expired.pem"), Expired.CertificatePem);
        return folder;
    }

    private static SigningCredential CreateExpired()
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=expired carrier certificate", key, HashAlgorithmName.SHA256);
        var now = DateTimeOffset.UtcNow;
        return new SigningCredential(key, request.CreateSelfSigned(now.AddDays(-30), now.AddDays(-1)), ExpiredX5u);
    }
}
