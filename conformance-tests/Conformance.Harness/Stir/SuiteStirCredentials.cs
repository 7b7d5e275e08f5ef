using System.Collections.Concurrent;
using Conformance.Harness.Targets;

namespace Conformance.Harness.Stir;

/// <summary>
/// The STIR/SHAKEN credentials of one test run: the suite's own signer (a domestic carrier that signs its calls), a
/// signer whose certificate has expired, a signer the SUT was never told of, and the certificates the suite verifies
/// the SUT's Identity headers with. The SUT must hold the first two certificates under their x5u. No x5u is ever
/// fetched: both sides hold the certificates locally, so traffic stays on loopback.
/// </summary>
public sealed class SuiteStirCredentials
{
    public const string SuiteX5u = "https://cert.conformance-suite.example/carrier.pem";
    public const string ExpiredX5u = "https://cert.conformance-suite.example/expired.pem";
    public const string UnknownX5u = "https://cert.unknown-carrier.example/shaken.pem";
    public const string ReferenceX5u = "https://cert.reference.example/shaken.pem";

    private static readonly Lazy<SuiteStirCredentials> Generated = new(CreateGenerated);
    private static readonly ConcurrentDictionary<string, SuiteStirCredentials> Loaded = new(StringComparer.Ordinal);
    private readonly Lazy<string> _folder;

    private SuiteStirCredentials(StirCredential suite, StirCredential expired, StirCredential? reference, SutCertificates sutCertificates)
    {
        Suite = suite;
        Expired = expired;
        Reference = reference;
        SutCertificates = sutCertificates;
        // Valid for years: a test clock moved forward by a scenario must not outrun it.
        Unknown = StirCredential.CreateSelfSigned(UnknownX5u, "carrier the SUT does not know", TimeSpan.FromDays(3650));
        _folder = new Lazy<string>(WriteFiles);
    }

    /// <summary>Credentials the suite makes for itself and gives to the embedded reference.</summary>
    public static SuiteStirCredentials Shared => Generated.Value;

    /// <summary>The suite's signer; the SUT must trust its certificate under its x5u.</summary>
    public StirCredential Suite { get; }

    /// <summary>A signer whose certificate expired; the SUT holds that certificate under its x5u all the same.</summary>
    public StirCredential Expired { get; }

    /// <summary>A signer whose certificate the SUT was never given.</summary>
    public StirCredential Unknown { get; }

    /// <summary>The embedded reference's signer; null when the target file names the SUT's certificates instead.</summary>
    public StirCredential? Reference { get; }

    /// <summary>The certificates the suite verifies the SUT's Identity headers with, by x5u.</summary>
    public SutCertificates SutCertificates { get; }

    /// <summary>The target file's credentials (key "stir") when it has them, else the suite's own.</summary>
    public static SuiteStirCredentials For(TargetFile target) =>
        target.Stir is { } settings ? Loaded.GetOrAdd(target.SourcePath, _ => FromSettings(settings)) : Shared;

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
            $"--Stir:Trusted:0:X5u={Suite.X5u}",
            $"--Stir:Trusted:0:Certificate={Path.Combine(folder, "carrier.pem")}",
            $"--Stir:Trusted:1:X5u={Expired.X5u}",
            $"--Stir:Trusted:1:Certificate={Path.Combine(folder, "expired.pem")}",
        ];
    }

    /// <summary>The target file's "stir" section for a system given these credentials (a reference node started apart).</summary>
    public Dictionary<string, object> AsTargetSection()
    {
        var folder = _folder.Value;
        return new Dictionary<string, object>
        {
            ["suiteKey"] = Path.Combine(folder, "carrier.key.pem"),
            ["suiteCertificate"] = Path.Combine(folder, "carrier.pem"),
            ["suiteX5u"] = Suite.X5u,
            ["expiredKey"] = Path.Combine(folder, "expired.key.pem"),
            ["expiredCertificate"] = Path.Combine(folder, "expired.pem"),
            ["expiredX5u"] = Expired.X5u,
            ["sutCertificates"] = new Dictionary<string, string> { [ReferenceX5u] = Path.Combine(folder, "reference.pem") },
        };
    }

    private string WriteFiles()
    {
        var folder = Directory.CreateTempSubdirectory("conformance-stir-").FullName;
        File.WriteAllText(Path.Combine(folder, "carrier.key.pem"), Suite.PrivateKeyPem);
        File.WriteAllText(Path.Combine(folder, "carrier.pem"), Suite.CertificatePem);
        File.WriteAllText(Path.Combine(folder, "expired.key.pem"), Expired.PrivateKeyPem);
        File.WriteAllText(Path.Combine(folder, "expired.pem"), Expired.CertificatePem);
        if (Reference is not null)
        {
            File.WriteAllText(Path.Combine(folder, "reference.key.pem"), Reference.PrivateKeyPem);
            File.WriteAllText(Path.Combine(folder, "reference.pem"), Reference.CertificatePem);
        }

        return folder;
    }

    private static SuiteStirCredentials CreateGenerated()
    {
        var reference = StirCredential.CreateSelfSigned(ReferenceX5u, "reference screening node", TimeSpan.FromDays(3650));
        var sut = new SutCertificates();
        sut.Add(ReferenceX5u, reference.CertificatePem);
        return new SuiteStirCredentials(
            StirCredential.CreateSelfSigned(SuiteX5u, "conformance suite carrier", TimeSpan.FromDays(3650)),
            CreateExpired(),
            reference,
            sut);
    }

    private static SuiteStirCredentials FromSettings(StirSettings settings)
    {
        var sut = new SutCertificates();
        foreach (var (x5u, path) in settings.SutCertificates)
        {
            sut.AddFile(x5u, path);
        }

        return new SuiteStirCredentials(
            StirCredential.Load(settings.SuiteKey, settings.SuiteCertificate, settings.SuiteX5u),
            StirCredential.Load(settings.ExpiredKey, settings.ExpiredCertificate, settings.ExpiredX5u),
            null,
            sut);
    }

    private static StirCredential CreateExpired() => StirCredential.CreateExpired(ExpiredX5u, "expired carrier certificate");
}
