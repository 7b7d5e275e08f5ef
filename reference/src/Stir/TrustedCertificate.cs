using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Stir;

/// <summary>A certificate the verifier holds, and its P-256 public key (null when it has none, as for an RSA certificate).</summary>
public sealed record TrustedCertificate(X509Certificate2 Certificate, ECDsa? Key);
