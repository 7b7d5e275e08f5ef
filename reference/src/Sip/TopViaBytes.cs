using System.Text;

namespace Sip;

/// <summary>
/// The top Via value read where it lies in the message's receive buffer, for what every request needs from it on
/// arrival (its <c>received</c>/<c>rport</c> stamp, its transaction's branch and sent-by, where its responses go): no
/// <see cref="ViaHeader"/>, parameter list or string is made for them. False whenever the field is no longer the wire
/// bytes, or the value does not read by <see cref="ViaTokens"/>: callers then use the parsed <see cref="SipMessage.TopVia"/>.
/// </summary>
internal readonly ref struct TopViaBytes
{
    private TopViaBytes(ReadOnlySpan<byte> value, ViaTokens tokens)
    {
        Value = value;
        Tokens = tokens;
    }

    /// <summary>The whole first value of the first Via field.</summary>
    public ReadOnlySpan<byte> Value { get; }

    public ViaTokens Tokens { get; }

    public ReadOnlySpan<byte> Host => Value[Tokens.Host];

    /// <summary>The port written in the sent-by, or -1.</summary>
    public int Port => Tokens.Port;

    /// <summary>Whether parameters follow the sent-by.</summary>
    public bool HasParameters => Tokens.Parameters.End.Value > 0;

    /// <summary>The parameters after the sent-by's ';', or empty.</summary>
    public ReadOnlySpan<byte> Parameters => HasParameters ? Value[Tokens.Parameters] : default;

    public static bool TryRead(SipHeaders headers, out TopViaBytes via)
    {
        if (!headers.TryReadTopVia(out var value, out var tokens))
        {
            via = default;
            return false;
        }

        via = new TopViaBytes(value, tokens);
        return true;
    }

    /// <summary>
    /// The value of parameter <paramref name="name"/> (empty when written without "="); false when absent. A quoted
    /// value is given with its quotes, so callers that need a token check it is one.
    /// </summary>
    public bool TryGetParameter(ReadOnlySpan<char> name, out ReadOnlySpan<byte> value)
    {
        var parameters = Parameters;
        var reader = new ParameterReader(parameters);
        while (reader.Next(out var nameStart, out var nameEnd, out var valueStart, out var valueEnd))
        {
            if (Ascii.EqualsIgnoreCase(parameters[nameStart..nameEnd], name))
            {
                value = valueStart < 0 ? default : parameters[valueStart..valueEnd];
                return true;
            }
        }

        value = default;
        return false;
    }
}
