using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Conformance.Harness.Stir;

/// <summary>A signer the suite plays or knows of: its P-256 key, its certificate, and the x5u under which verifiers find that certificate.</summary>
public sealed class StirCredential : IDisposable
{
    // A constructor body rather than a primary constructor: the disposal analysis (CA2000) follows what a body
    // stores, and so sees that this credential owns the key and the certificate it is given.
    public StirCredential(ECDsa key, X509Certificate2 certificate, string x5u)
    {
        Key = key;
        Certificate = certificate;
        X5u = x5u;
    }

    public ECDsa Key { get; }

    public X509Certificate2 Certificate { get; }

    public string X5u { get; }

    public string CertificatePem => Certificate.ExportCertificatePem();

    public string PrivateKeyPem => Key.ExportPkcs8PrivateKeyPem();

    /// <summary>A fresh key and a self-signed certificate valid from a day ago for <paramref name="validity"/>: for a lab, not a real STI-PA.</summary>
    public static StirCredential CreateSelfSigned(string x5u, string subject, TimeSpan validity)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={subject}", key, HashAlgorithmName.SHA256);
        var now = DateTimeOffset.UtcNow;
        return new StirCredential(key, request.CreateSelfSigned(now.AddDays(-1), now + validity), x5u);
    }

    /// <summary>A key and a certificate whose validity ended yesterday.</summary>
    public static StirCredential CreateExpired(string x5u, string subject)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={subject}", key, HashAlgorithmName.SHA256);
        var now = DateTimeOffset.UtcNow;
        return new StirCredential(key, request.CreateSelfSigned(now.AddDays(-30), now.AddDays(-1)), x5u);
    }

    /// <summary>Loads a PKCS#8 or SEC1 private key PEM file and its certificate PEM file; a file that cannot be read is named in the error.</summary>
    public static StirCredential Load(string keyPath, string certificatePath, string x5u)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(File.ReadAllText(keyPath));
            return new StirCredential(key, X509Certificate2.CreateFromPem(File.ReadAllText(certificatePath)), x5u);
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException or IOException)
        {
            key.Dispose();
            throw new InvalidOperationException($"The STIR credential for {x5u} could not be read from {keyPath} and {certificatePath} ({ex.Message}); give PEM files of a P-256 private key and its certificate.", ex);
        }
    }

    public void Dispose()
    {
        Key.Dispose();
        Certificate.Dispose();
    }
}
