namespace Conformance.Harness.Stir;

/// <summary>
/// A SHAKEN PASSporT's header and claims (RFC 8225 §5, RFC 8588 §4) as the suite writes or reads them: numbers are
/// E.164 digits without "+"; anything missing from a token read is null.
/// </summary>
public sealed record PassportClaims(
    string? OrigTn,
    IReadOnlyList<string> DestTns,
    long? IssuedAt,
    string? Attest,
    string? OrigId,
    string? X5u,
    string? Alg = "ES256",
    string? Ppt = "shaken",
    string? Typ = "passport");
