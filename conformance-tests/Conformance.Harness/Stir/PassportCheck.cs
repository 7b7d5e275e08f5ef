using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Jose;

namespace Conformance.Harness.Stir;

/// <summary>
/// The suite's own check of an Identity header the SUT signed (RFC 8224 §6.2, RFC 8225, RFC 8588): parsed here, its
/// signature verified with jose-jwt, not with the reference's STIR library, so that a bug there cannot hide on both
/// sides of a check. The certificate comes from the suite's own store by the x5u that info names; it must be valid on
/// the SUT's clock, the PASSporT must be about this call, and iat within the freshness.
/// </summary>
public sealed class PassportCheck(SutCertificates certificates)
{
    public PassportVerdict Check(string? identity, string callingTn, string calledTn, DateTimeOffset now, TimeSpan freshness)
    {
        if (string.IsNullOrWhiteSpace(identity))
        {
            return PassportVerdict.Fail("the INVITE has no Identity header");
        }

        var parts = SplitOutsideBrackets(identity);
        var token = parts[0].Trim();
        var parameters = parts.Skip(1).Select(p => p.Split('=', 2)).Where(p => p.Length == 2)
            .GroupBy(p => p[0].Trim().ToLowerInvariant()).ToDictionary(g => g.Key, g => g.First()[1].Trim());
        var info = parameters.TryGetValue("info", out var i) && i.Length > 2 && i[0] == '<' && i[^1] == '>' ? i[1..^1] : null;
        var segments = token.Split('.');
        if (segments.Length != 3)
        {
            return PassportVerdict.Fail("the Identity header does not start with a compact JWS of three parts");
        }

        PassportClaims claims;
        try
        {
            claims = Read(segments[0], segments[1]);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or KeyNotFoundException)
        {
            return PassportVerdict.Fail($"the PASSporT's header or payload is not the JSON of a PASSporT ({ex.Message})");
        }

        if (info is null || claims.X5u != info)
        {
            return PassportVerdict.Fail($"info <{info ?? "(none)"}> is not the PASSporT's x5u {claims.X5u ?? "(none)"}", claims);
        }

        if (claims.Alg != "ES256" || claims.Ppt != "shaken" || claims.Typ != "passport")
        {
            return PassportVerdict.Fail($"the JWS header says alg {claims.Alg}, ppt {claims.Ppt}, typ {claims.Typ}; a SHAKEN PASSporT has ES256, shaken, passport", claims);
        }

        if (certificates.Find(info) is not { } certificate)
        {
            return PassportVerdict.Fail($"the suite holds no certificate of the SUT under {info}", claims);
        }

        if (now < certificate.NotBefore || now > certificate.NotAfter)
        {
            return PassportVerdict.Fail($"the certificate at {info} is not valid at {now:u}", claims);
        }

        using var publicKey = certificate.GetECDsaPublicKey();
        if (publicKey is not { KeySize: 256 })
        {
            return PassportVerdict.Fail($"the certificate at {info} has no P-256 key", claims);
        }

        try
        {
            JWT.Decode(token, publicKey, JwsAlgorithm.ES256);
        }
        catch (Exception ex) when (ex is IntegrityException or JoseException or CryptographicException or ArgumentException)
        {
            return PassportVerdict.Fail($"the signature does not verify with the certificate at {info} ({ex.Message})", claims);
        }

        if (claims.Attest is not ("A" or "B" or "C") || !Guid.TryParse(claims.OrigId, out _))
        {
            return PassportVerdict.Fail($"attest {claims.Attest ?? "(none)"} or origid {claims.OrigId ?? "(none)"} is not SHAKEN's (A, B or C; a UUID)", claims);
        }

        if (claims.OrigTn != callingTn || !claims.DestTns.Contains(calledTn))
        {
            return PassportVerdict.Fail($"the PASSporT is for {claims.OrigTn} → [{string.Join(", ", claims.DestTns)}], not this call's {callingTn} → {calledTn}", claims);
        }

        if (claims.IssuedAt is not { } iat || Math.Abs(now.ToUnixTimeSeconds() - iat) > (long)freshness.TotalSeconds)
        {
            return PassportVerdict.Fail($"iat {claims.IssuedAt?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(none)"} is not within {freshness.TotalSeconds} s of {now.ToUnixTimeSeconds()}", claims);
        }

        return PassportVerdict.Pass(claims);
    }

    private static PassportClaims Read(string header, string payload)
    {
        using var h = JsonDocument.Parse(Base64Url(header));
        using var p = JsonDocument.Parse(Base64Url(payload));
        string? Text(JsonElement e, string name) => e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        var root = p.RootElement;
        var dest = root.TryGetProperty("dest", out var d) && d.ValueKind == JsonValueKind.Object && d.TryGetProperty("tn", out var tns) && tns.ValueKind == JsonValueKind.Array
            ? tns.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!).ToList()
            : [];
        return new PassportClaims(
            root.TryGetProperty("orig", out var orig) ? Text(orig, "tn") : null,
            dest,
            root.TryGetProperty("iat", out var iat) && iat.ValueKind == JsonValueKind.Number && iat.TryGetInt64(out var seconds) ? seconds : null,
            Text(root, "attest"),
            Text(root, "origid"),
            Text(h.RootElement, "x5u"),
            Text(h.RootElement, "alg"),
            Text(h.RootElement, "ppt"),
            Text(h.RootElement, "typ"));
    }

    /// <summary>Splits at semicolons outside angle brackets: an info URI may itself hold a semicolon.</summary>
    private static List<string> SplitOutsideBrackets(string value)
    {
        var parts = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < value.Length; i++)
        {
            depth += value[i] switch { '<' => 1, '>' when depth > 0 => -1, _ => 0 };
            if (value[i] == ';' && depth == 0)
            {
                parts.Add(value[start..i]);
                start = i + 1;
            }
        }

        parts.Add(value[start..]);
        return parts;
    }

    private static byte[] Base64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded.PadRight(padded.Length + ((4 - (padded.Length % 4)) % 4), '='));
    }
}
