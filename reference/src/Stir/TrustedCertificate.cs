using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Stir;

/// <summary>A certificate the verifier holds, and its P-256 public key (null when it has none, as for an RSA certificate).</summary>
public sealed record TrustedCertificate
{
    // A constructor body rather than a primary constructor: the disposal analysis (CA2000) follows what a body
    // stores, and so sees that this entry holds the certificate and key it is given, which the repository keeps for its lifetime.
    public TrustedCertificate(X509Certificate2 certificate, ECDsa? key)
    {
        Certificate = certificate;
        Key = key;
    }

    public X509Certificate2 Certificate { get; }

    public ECDsa? Key { get; }
}
