namespace Stir;

/// <summary>
/// The claims of a SHAKEN PASSporT (RFC 8225 §5, RFC 8588 §4): who calls (orig.tn), whom (dest.tn), when (iat),
/// how well the signer knows the caller (attest), where the call entered the signer's network (origid), and where
/// the signer's certificate is found (x5u, in the JWS header). Telephone numbers are E.164 digits without "+".
/// </summary>
public sealed record Passport(
    string OrigTn,
    IReadOnlyList<string> DestTns,
    DateTimeOffset IssuedAt,
    Attestation Attest,
    string OrigId,
    string X5u)
{
    public const string Algorithm = "ES256";
    public const string Extension = "shaken";
    public const string Type = "passport";
}
