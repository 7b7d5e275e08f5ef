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
        string? display = null;
        ReadOnlySpan<char> uriText;
        ReadOnlySpan<char> paramText;
        var lt = SyntaxCheck.IndexOfUnquoted(s, '<');
        if (lt >= 0)
        {
            var gt = s[(lt + 1)..].IndexOf('>');
            if (gt < 0)
            {
                return false;
            }

            gt += lt + 1;
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

            uriText = s[(lt + 1)..gt];
            paramText = s[(gt + 1)..].Trim();
        }
        else
        {
            var semi = s.IndexOf(';');
            uriText = (semi < 0 ? s : s[..semi]).TrimEnd();
            paramText = semi < 0 ? [] : s[semi..];

            // An addr-spec holding ",", "?" or whitespace must be enclosed in angle brackets (RFC 3261 §20.10; RFC 4475 §3.1.2.14-15).
            if (uriText.IndexOfAny(" \t,?\"") >= 0)
            {
                return false;
            }
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
    public static bool HasParameter(string? text, string name)
    {
        var s = text.AsSpan().Trim();
        var lt = SyntaxCheck.IndexOfUnquoted(s, '<');
        ReadOnlySpan<char> paramText;
        if (lt >= 0)
        {
            var gt = s[(lt + 1)..].IndexOf('>');
            if (gt < 0)
            {
                return false;
            }

            paramText = s[(lt + 1 + gt + 1)..].Trim();
        }
        else
        {
            var semi = s.IndexOf(';');
            paramText = semi < 0 ? [] : s[semi..];
        }

        return paramText.Length > 1 && paramText[0] == ';' && SipParameters.Has(paramText[1..], ';', name);
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
