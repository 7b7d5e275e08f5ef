namespace Conformance.Reporting.Bundle;

/// <summary>
/// Who signed: the algorithm, the public key (SubjectPublicKeyInfo, base64) and its fingerprint. Ephemeral means the run
/// had no signing key and made one for itself: the bundle is then intact but not attributable to anyone.
/// </summary>
public sealed record SignerInfo(string Algorithm, string PublicKey, string KeyId, bool Ephemeral);
