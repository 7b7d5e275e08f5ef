using System.Security.Cryptography;

namespace Stir;

/// <summary>
/// Verifies the Identity header of a call (RFC 8224 §6.2, RFC 8588): the certificate its info names must be in the
/// local repository and fit for ES256, the signature must hold, the PASSporT must be about this call (orig and dest
/// numbers), and iat must be fresh. Bad input yields a failure verdict, never an exception.
/// </summary>
public sealed class PassportVerifier(CertificateRepository certificates, VerifierOptions options)
{
    /// <param name="identity">The Identity header value, or null when the INVITE has none.</param>
    /// <param name="callingTn">The caller's number as E.164 digits without "+".</param>
    /// <param name="calledTn">The callee's number as E.164 digits without "+".</param>
    public IdentityVerdict Verify(string? identity, string callingTn, string calledTn, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(identity))
        {
            return IdentityVerdict.Fail(IdentityFailure.Missing, "the INVITE has no Identity header");
        }

        if (!IdentityHeader.TryParse(identity, out var header))
        {
            return IdentityVerdict.Fail(IdentityFailure.InvalidSignature, "the Identity header is malformed");
        }

        if (!PassportToken.TryDecode(header.Token, out var token, out var problem))
        {
            return IdentityVerdict.Fail(IdentityFailure.InvalidSignature, problem);
        }

        if (header.Info is null)
        {
            return IdentityVerdict.Fail(IdentityFailure.BadInfo, "the Identity header has no info parameter", token);
        }

        if (token.X5u is null || !string.Equals(token.X5u, header.Info, StringComparison.Ordinal))
        {
            return IdentityVerdict.Fail(IdentityFailure.BadInfo, $"info <{header.Info}> differs from the PASSporT's x5u {token.X5u ?? "(none)"}", token);
        }

        if (certificates.Lookup(header.Info) is not { } trusted)
        {
            return IdentityVerdict.Fail(IdentityFailure.BadInfo, $"the certificate at {header.Info} cannot be obtained: it is not in the local repository", token);
        }

        if (token.Alg != Passport.Algorithm || (header.Alg is not null && header.Alg != Passport.Algorithm))
        {
            return IdentityVerdict.Fail(IdentityFailure.UnsupportedCredential, $"algorithm {token.Alg ?? "(none)"} is not supported; only ES256 is", token);
        }

        if (token.Ppt != Passport.Extension || (header.Ppt is not null && header.Ppt != Passport.Extension))
        {
            return IdentityVerdict.Fail(IdentityFailure.UnsupportedCredential, $"PASSporT extension {token.Ppt ?? "(none)"} is not supported; only shaken is", token);
        }

        var certificate = trusted.Certificate;
        if (trusted.Key is not { } key)
        {
            return IdentityVerdict.Fail(IdentityFailure.UnsupportedCredential, $"the certificate at {header.Info} has no P-256 public key", token);
        }

        if (now < certificate.NotBefore || now > certificate.NotAfter)
        {
            return IdentityVerdict.Fail(IdentityFailure.UnsupportedCredential, $"the certificate at {header.Info} is not valid now (valid {certificate.NotBefore:u} to {certificate.NotAfter:u})", token);
        }

        if (options.CheckSignature && !VerifySignature(key, token))
        {
            return IdentityVerdict.Fail(IdentityFailure.InvalidSignature, "the signature does not verify with the certificate's key", token);
        }

        if (token.Attest is not ("A" or "B" or "C") || string.IsNullOrEmpty(token.OrigId))
        {
            return IdentityVerdict.Fail(IdentityFailure.InvalidSignature, "the PASSporT lacks a SHAKEN attest (A, B or C) or origid", token);
        }

        if (token.OrigTn != callingTn)
        {
            return IdentityVerdict.Fail(IdentityFailure.InvalidSignature, $"orig.tn {token.OrigTn ?? "(none)"} is not the calling number {callingTn}", token);
        }

        if (!token.DestTns.Contains(calledTn))
        {
            return IdentityVerdict.Fail(IdentityFailure.InvalidSignature, $"dest.tn [{string.Join(", ", token.DestTns)}] does not hold the called number {calledTn}", token);
        }

        if (token.IssuedAt is not { } iat)
        {
            return IdentityVerdict.Fail(IdentityFailure.InvalidSignature, "the PASSporT has no iat", token);
        }

        // iat counts whole seconds, so the age is compared in whole seconds too.
        var age = Math.Abs(now.ToUnixTimeSeconds() - iat);
        if (age > (long)options.Freshness.TotalSeconds)
        {
            return IdentityVerdict.Fail(IdentityFailure.Stale, $"iat is {age} s from now; at most {options.Freshness.TotalSeconds:0} s is allowed", token);
        }

        return IdentityVerdict.Pass(token);
    }

    /// <summary>One key serves every call signed under its certificate; .NET does not promise that a key object is safe to share across threads, so its checks take turns.</summary>
    private static bool VerifySignature(ECDsa key, DecodedToken token)
    {
        lock (key)
        {
            return key.VerifyData(token.SigningInput, token.Signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
    }
}
