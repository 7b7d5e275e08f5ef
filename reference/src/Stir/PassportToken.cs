using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Stir;

/// <summary>
/// The compact JWS serialization of a PASSporT (RFC 8225 §6, RFC 7515 §7.1) signed with ES256: JSON members in
/// lexicographic order and no white space, as RFC 8225 §9 asks so that every signer produces the same bytes.
/// </summary>
public static class PassportToken
{
    public static string Sign(Passport passport, ECDsa key)
    {
        var signingInput = Base64Url.Encode(Header(passport)) + "." + Base64Url.Encode(Payload(passport));
        var signature = key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return signingInput + "." + Base64Url.Encode(signature);
    }

    /// <summary>The Identity header that carries a signed PASSporT, with the parameters RFC 8588 §6 lists.</summary>
    public static IdentityHeader SignHeader(Passport passport, ECDsa key) =>
        new(Sign(passport, key), passport.X5u, Passport.Algorithm, Passport.Extension);

    /// <summary>Splits and decodes a compact JWS; a failure names what is wrong with it.</summary>
    public static bool TryDecode(string token, out DecodedToken decoded, out string problem)
    {
        decoded = null!;
        var parts = token.Split('.');
        if (parts.Length != 3 || parts[0].Length == 0 || parts[1].Length == 0)
        {
            problem = "the token is not a compact JWS of three parts header.payload.signature";
            return false;
        }

        if (!Base64Url.TryDecode(parts[0], out var headerBytes) || !Base64Url.TryDecode(parts[1], out var payloadBytes) || !Base64Url.TryDecode(parts[2], out var signature))
        {
            problem = "a part of the token is not base64url";
            return false;
        }

        try
        {
            using var header = JsonDocument.Parse(headerBytes);
            using var payload = JsonDocument.Parse(payloadBytes);
            if (header.RootElement.ValueKind != JsonValueKind.Object || payload.RootElement.ValueKind != JsonValueKind.Object)
            {
                problem = "the token's header or payload is not a JSON object";
                return false;
            }

            var h = header.RootElement;
            var p = payload.RootElement;
            decoded = new DecodedToken(
                Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]),
                signature,
                String(h, "alg"),
                String(h, "ppt"),
                String(h, "typ"),
                String(h, "x5u"),
                p.TryGetProperty("orig", out var orig) && orig.ValueKind == JsonValueKind.Object ? String(orig, "tn") : null,
                p.TryGetProperty("dest", out var dest) && dest.ValueKind == JsonValueKind.Object && dest.TryGetProperty("tn", out var tns) && tns.ValueKind == JsonValueKind.Array
                    ? tns.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!).ToArray()
                    : [],
                p.TryGetProperty("iat", out var iat) && iat.ValueKind == JsonValueKind.Number && iat.TryGetInt64(out var seconds) ? seconds : null,
                String(p, "attest"),
                String(p, "origid"));
            problem = string.Empty;
            return true;
        }
        catch (JsonException)
        {
            problem = "the token's header or payload is not JSON";
            return false;
        }
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static byte[] Header(Passport passport) => Json(w =>
    {
        w.WriteString("alg", Passport.Algorithm);
        w.WriteString("ppt", Passport.Extension);
        w.WriteString("typ", Passport.Type);
        w.WriteString("x5u", passport.X5u);
    });

    private static byte[] Payload(Passport passport) => Json(w =>
    {
        w.WriteString("attest", passport.Attest.ToString());
        w.WriteStartObject("dest");
        w.WriteStartArray("tn");
        foreach (var tn in passport.DestTns)
        {
            w.WriteStringValue(tn);
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteNumber("iat", passport.IssuedAt.ToUnixTimeSeconds());
        w.WriteStartObject("orig");
        w.WriteString("tn", passport.OrigTn);
        w.WriteEndObject();
        w.WriteString("origid", passport.OrigId);
    });

    private static byte[] Json(Action<Utf8JsonWriter> members)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            members(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
