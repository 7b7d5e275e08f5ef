namespace Stir;

/// <summary>Why an INVITE's identity was not accepted, each with the response RFC 8224 §6.2.2 and RFC 8588 assign.</summary>
public enum IdentityFailure
{
    /// <summary>428 Use Identity Header: the call needs an Identity header and has none.</summary>
    Missing,

    /// <summary>436 Bad Identity Info: info is missing, disagrees with x5u, or names a certificate that cannot be had.</summary>
    BadInfo,

    /// <summary>437 Unsupported Credential: not ES256 or not ppt=shaken, or the certificate is unusable (not P-256, expired).</summary>
    UnsupportedCredential,

    /// <summary>438 Invalid Identity Header: malformed, wrong signature, or claims that do not match the call.</summary>
    InvalidSignature,

    /// <summary>403 Stale Date: iat further from now than the freshness allows.</summary>
    Stale,
}
