namespace Stir;

/// <summary>The verifier's answer: passed with the PASSporT's claims, or failed with a reason and the response to send.</summary>
public sealed record IdentityVerdict(IdentityFailure? Failure, string Detail, DecodedToken? Token)
{
    public bool Passed => Failure is null;

    /// <summary>The status code of the response that refuses the call (RFC 8224 §6.2.2, RFC 8588).</summary>
    public int StatusCode => Failure switch
    {
        null => 200,
        IdentityFailure.Missing => 428,
        IdentityFailure.BadInfo => 436,
        IdentityFailure.UnsupportedCredential => 437,
        IdentityFailure.InvalidSignature => 438,
        _ => 403,
    };

    public string ReasonPhrase => Failure switch
    {
        null => "OK",
        IdentityFailure.Missing => "Use Identity Header",
        IdentityFailure.BadInfo => "Bad Identity Info",
        IdentityFailure.UnsupportedCredential => "Unsupported Credential",
        IdentityFailure.InvalidSignature => "Invalid Identity Header",
        _ => "Stale Date",
    };

    public static IdentityVerdict Pass(DecodedToken token) => new(null, "signature verified", token);

    public static IdentityVerdict Fail(IdentityFailure failure, string detail, DecodedToken? token = null) => new(failure, detail, token);
}
