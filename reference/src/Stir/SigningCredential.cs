using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Stir;

/// <summary>A signer's P-256 key, its certificate and the x5u under which verifiers find that certificate.</summary>
public sealed class SigningCredential : IDisposable
{
    // A constructor body rather than a primary constructor: the disposal analysis (CA2000) follows what a body
    // stores, and so sees that this credential owns the key and the certificate it is given.
    public SigningCredential(ECDsa key, X509Certificate2 certificate, string x5u)
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

    /// <summary>A fresh key and a self-signed certificate, valid from a day ago for <paramref name="validity"/>: for labs and tests, not for a real STI-PA.</summary>
    public static SigningCredential CreateSelfSigned(string x5u, string subject, TimeSpan validity)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={subject}", key, HashAlgorithmName.SHA256);
        var now = DateTimeOffset.UtcNow;
        var certificate = request.CreateSelfSigned(now.AddDays(-1), now + validity);
        return new SigningCredential(key, certificate, x5u);
    }

    /// <summary>Loads a PKCS#8 or SEC1 private key PEM file and its certificate PEM file; a wrong file is named in the error.</summary>
    public static SigningCredential Load(string keyPath, string certificatePath, string x5u)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(File.ReadAllText(keyPath));
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException or IOException)
        {
            key.Dispose();
            throw new InvalidOperationException($"The STIR signing key {keyPath} could not be read ({ex.Message}); give a PEM file of a P-256 private key.", ex);
        }

        try
        {
            return new SigningCredential(key, X509Certificate2.CreateFromPem(File.ReadAllText(certificatePath)), x5u);
        }
        catch (Exception ex) when (ex is CryptographicException or IOException)
        {
            key.Dispose();
            throw new InvalidOperationException($"The STIR certificate {certificatePath} could not be read ({ex.Message}); give a PEM certificate file.", ex);
        }
    }

    public void Dispose()
    {
        Key.Dispose();
        Certificate.Dispose();
    }
}
