namespace Stir;

/// <summary>A PASSporT as received, before its signature is checked: every claim may be missing.</summary>
public sealed record DecodedToken(
    byte[] SigningInput,
    byte[] Signature,
    string? Alg,
    string? Ppt,
    string? Typ,
    string? X5u,
    string? OrigTn,
    IReadOnlyList<string> DestTns,
    long? IssuedAt,
    string? Attest,
    string? OrigId);
