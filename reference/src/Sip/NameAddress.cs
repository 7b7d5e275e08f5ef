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

    public static bool TryParse(string? text, out NameAddress address) => TryParse(text.AsSpan(), out address);

    /// <summary>Parses a value held as characters (a header set by code, a configured route), by the same byte grammar.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out NameAddress address) =>
        ByteGrammar.ReadChars(text, static (ReadOnlySpan<byte> bytes, out NameAddress value) => TryParse(bytes, out value), out address);

    /// <summary>Parses a value from its wire bytes: <see cref="NameAddressTokens"/> finds the parts, and only what is kept becomes a string.</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out NameAddress address)
    {
        address = null!;
        if (!NameAddressTokens.TryRead(text, out var tokens))
        {
            return false;
        }

        var display = text[tokens.Display];
        address = new NameAddress
        {
            DisplayName = display.IsEmpty ? null : SipGrammar.Unquote(Encoding.UTF8.GetString(display)),
            Uri = SipUri.From(text[tokens.Uri], in tokens.UriParts, spare: 0),
            Parameters = SipParameters.From(text[tokens.Parameters], spare: 0),
        };
        return true;
    }

    /// <summary>
    /// Whether the header parameters of a name-addr or addr-spec value (those after <c>&gt;</c>, or after the first
    /// <c>;</c> of an addr-spec, as <see cref="TryParse(ReadOnlySpan{byte}, out NameAddress)"/> reads them) name
    /// <paramref name="name"/>: a URI's own parameters never count. False for a value whose parameters do not read.
    /// </summary>
    public static bool HasParameter(string? text, string name) =>
        ByteGrammar.ReadChars(text.AsSpan(), name, static (ReadOnlySpan<byte> bytes, string wanted, out bool found) => found = NameAddressTokens.HasParameter(bytes, wanted), out _);

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
}
