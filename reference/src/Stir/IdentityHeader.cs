namespace Stir;

/// <summary>
/// The SIP Identity header value in the full form of RFC 8224 §4.1:
/// <c>header.payload.signature;info=&lt;x5u&gt;;alg=ES256;ppt=shaken</c>.
/// </summary>
public sealed record IdentityHeader(string Token, string? Info, string? Alg, string? Ppt)
{
    public override string ToString()
    {
        var text = Token;
        if (Info is not null)
        {
            text += $";info=<{Info}>";
        }

        if (Alg is not null)
        {
            text += $";alg={Alg}";
        }

        if (Ppt is not null)
        {
            text += $";ppt={Ppt}";
        }

        return text;
    }

    /// <summary>Splits a header value into its token and parameters; false when it has no token or a parameter is malformed.</summary>
    public static bool TryParse(string? value, out IdentityHeader header)
    {
        header = null!;
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        var parts = SplitParameters(value.Trim());
        var token = parts[0].Trim();
        if (token.Length == 0)
        {
            return false;
        }

        string? info = null, alg = null, ppt = null;
        foreach (var part in parts.Skip(1))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                return false;
            }

            var name = part[..eq].Trim().ToLowerInvariant();
            var v = part[(eq + 1)..].Trim();
            switch (name)
            {
                case "info":
                    if (v.Length < 2 || v[0] != '<' || v[^1] != '>')
                    {
                        return false;
                    }

                    info = v[1..^1];
                    break;
                case "alg":
                    alg = v;
                    break;
                case "ppt":
                    ppt = v.Trim('"');
                    break;
            }
        }

        header = new IdentityHeader(token, info, alg, ppt);
        return true;
    }

    /// <summary>Splits at semicolons outside angle brackets, so that an info URI may hold a semicolon.</summary>
    private static List<string> SplitParameters(string value)
    {
        var parts = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < value.Length; i++)
        {
            switch (value[i])
            {
                case '<':
                    depth++;
                    break;
                case '>' when depth > 0:
                    depth--;
                    break;
                case ';' when depth == 0:
                    parts.Add(value[start..i]);
                    start = i + 1;
                    break;
            }
        }

        parts.Add(value[start..]);
        return parts;
    }
}
