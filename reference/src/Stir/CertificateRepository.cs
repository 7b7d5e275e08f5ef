using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;

namespace Stir;

/// <summary>
/// The signers' certificates this verifier trusts, keyed by the x5u URL that PASSporTs name. Filled from local PEM
/// files or text: a verifier never fetches x5u over the network, so an x5u it does not hold counts as unreachable.
/// </summary>
public sealed class CertificateRepository
{
    private readonly ConcurrentDictionary<string, TrustedCertificate> _certificates = new(StringComparer.Ordinal);

    public int Count => _certificates.Count;

    /// <summary>Adds the first certificate of a PEM text under <paramref name="x5u"/>; a PEM with no certificate is refused with the reason.</summary>
    public void Add(string x5u, string pem)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(x5u);
        X509Certificate2 certificate;
        try
        {
            certificate = X509Certificate2.CreateFromPem(pem);
        }
        catch (System.Security.Cryptography.CryptographicException ex)
        {
            throw new ArgumentException($"The certificate for {x5u} is not a PEM certificate ({ex.Message}); give the text between -----BEGIN CERTIFICATE----- and -----END CERTIFICATE-----.", nameof(pem), ex);
        }

        _certificates[x5u] = new TrustedCertificate(certificate, P256Key(certificate));
    }

    public void AddFile(string x5u, string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The certificate file for {x5u} does not exist: {path}; point the repository at a PEM file.", path);
        }

        Add(x5u, File.ReadAllText(path));
    }

    public X509Certificate2? Find(string x5u) => _certificates.TryGetValue(x5u, out var entry) ? entry.Certificate : null;

    /// <summary>The certificate with its P-256 public key read once (null when it has none): reading it per call would cost more than the signature check.</summary>
    public TrustedCertificate? Lookup(string x5u) => _certificates.TryGetValue(x5u, out var entry) ? entry : null;

    private static System.Security.Cryptography.ECDsa? P256Key(X509Certificate2 certificate)
    {
        try
        {
            var key = certificate.GetECDsaPublicKey();
            if (key is { KeySize: 256 })
            {
                return key;
            }

            key?.Dispose();
            return null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}
