using System.Security.Cryptography;
using System.Text.Json;
using Jose;

namespace Conformance.Harness.Stir;

/// <summary>Signs the PASSporTs the suite's carriers send, with jose-jwt (ES256, RFC 7515 compact form), as the full Identity header of RFC 8224 §4.1.</summary>
public static class PassportSigner
{
    public static string SignHeader(PassportClaims claims, ECDsa key)
    {
        // Claims in lexicographic order and no white space, as RFC 8225 §9 asks of every signer.
        var payload = JsonSerializer.Serialize(new SortedDictionary<string, object?>(StringComparer.Ordinal)
        {
            ["attest"] = claims.Attest,
            ["dest"] = new Dictionary<string, object> { ["tn"] = claims.DestTns },
            ["iat"] = claims.IssuedAt,
            ["orig"] = new Dictionary<string, object?> { ["tn"] = claims.OrigTn },
            ["origid"] = claims.OrigId,
        });
        var header = new Dictionary<string, object> { ["ppt"] = claims.Ppt ?? "shaken", ["typ"] = claims.Typ ?? "passport", ["x5u"] = claims.X5u ?? string.Empty };
        string token;
        lock (key)
        {
            token = JWT.Encode(payload, key, JwsAlgorithm.ES256, header);
        }

        return $"{token};info=<{claims.X5u}>;alg=ES256;ppt=shaken";
    }
}
