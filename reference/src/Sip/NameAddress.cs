using System.Text;

namespace Sip;

/// <summary>
/// name-addr or addr-spec with header parameters (From, To, Contact, P-Asserted-Identity, Route):
/// <c>"Display" &lt;sip:user@host&gt;;tag=x</c>. Without angle brackets, parameters belong to the header (RFC 3261 §20.10).
/// </summary>
public sealed class NameAddress
{
    public string? DisplayName { get; init; }

    public required SipUri Uri { get; init; }

    public SipParameters Parameters { get; init; } = new();

    public string? Tag => Parameters["tag"];

    public static bool TryParse(string? text, out NameAddress address)
    {
        address = null!;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        // Slices until the parts are known good: the URI and the parameters make their own strings.
        var s = text.AsSpan().Trim();
        if (!TrySplit(s, out var lt, out var uriText, out var paramText))
        {
            return false;
        }

        string? display = null;
        if (lt >= 0)
        {
            var displayText = s[..lt].Trim();
            if (displayText.Length > 0)
            {
                if (displayText[0] == '"' && (displayText.Length < 2 || displayText[^1] != '"'))
                {
                    return false;
                }

                if (displayText[0] != '"' && !IsTokenSequence(displayText))
                {
                    // An unquoted display-name is tokens and spaces only (RFC 3261 §25.1; RFC 4475 §3.1.2.15).
                    return false;
                }

                display = SipGrammar.Unquote(displayText.ToString());
            }
        }
        else if (uriText.IndexOfAny(" \t,?\"") >= 0)
        {
            // An addr-spec holding ",", "?" or whitespace must be enclosed in angle brackets (RFC 3261 §20.10; RFC 4475 §3.1.2.14-15).
            return false;
        }

        if (paramText.Length > 0 && paramText[0] != ';')
        {
            return false;
        }

        if (!SipUri.TryParse(uriText, out var uri) ||
            !SipParameters.TryParse(paramText.Length > 0 ? paramText[1..] : [], ';', out var parameters))
        {
            return false;
        }

        address = new NameAddress { DisplayName = display, Uri = uri, Parameters = parameters };
        return true;
    }

    /// <summary>
    /// Whether the header parameters of a name-addr or addr-spec value (those after <c>&gt;</c>, or after the first
    /// <c>;</c> of an addr-spec, as <see cref="TryParse"/> reads them) name <paramref name="name"/>: a URI's own
    /// parameters never count. False for a value whose parameters do not read.
    /// </summary>
    public static bool HasParameter(string? text, string name) =>
        TrySplit(text.AsSpan().Trim(), out _, out _, out var paramText) &&
        paramText.Length > 1 && paramText[0] == ';' && SipParameters.Has(paramText[1..], ';', name);

    /// <summary>
    /// Where a value's URI and header parameters lie: inside and after the first unquoted <c>&lt;…&gt;</c>
    /// (<paramref name="lt"/> its <c>&lt;</c>), or for an addr-spec (<paramref name="lt"/> -1) before and from its
    /// first <c>;</c>. False when a <c>&lt;</c> has no <c>&gt;</c>.
    /// </summary>
    private static bool TrySplit(ReadOnlySpan<char> s, out int lt, out ReadOnlySpan<char> uriText, out ReadOnlySpan<char> paramText)
    {
        lt = SyntaxCheck.IndexOfUnquoted(s, '<');
        if (lt >= 0)
        {
            var gt = s[(lt + 1)..].IndexOf('>');
            uriText = gt < 0 ? [] : s[(lt + 1)..(lt + 1 + gt)];
            paramText = gt < 0 ? [] : s[(lt + 1 + gt + 1)..].Trim();
            return gt >= 0;
        }

        var semi = s.IndexOf(';');
        uriText = (semi < 0 ? s : s[..semi]).TrimEnd();
        paramText = semi < 0 ? [] : s[semi..];
        return true;
    }

    public override string ToString()
    {
        var builder = new StringBuilder(64);
        if (!string.IsNullOrEmpty(DisplayName))
        {
            builder.Append(SipGrammar.Quote(DisplayName)).Append(' ');
        }

        builder.Append('<').Append(Uri).Append('>');
        Parameters.AppendTo(builder, ';');
        return builder.ToString();
    }

    private static bool IsTokenSequence(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!SipGrammar.IsTokenChar(c) && c is not (' ' or '\t'))
            {
                return false;
            }
        }

        return true;
    }
}
