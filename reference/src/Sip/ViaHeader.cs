using System.Text;

namespace Sip;

/// <summary>One Via value: <c>SIP/2.0/UDP host:port;branch=…;received=…;rport=…</c> (RFC 3261 §20.42, RFC 3581).</summary>
public sealed class ViaHeader
{
    public required string Transport { get; init; }

    public required string Host { get; init; }

    public int? Port { get; init; }

    public SipParameters Parameters { get; init; } = new();

    public string? Branch => Parameters["branch"];

    public string? Received => Parameters["received"];

    /// <summary>The rport value when the server filled it in; null when absent or still empty.</summary>
    public int? RPort => int.TryParse(Parameters["rport"], out var port) ? port : null;

    public static bool TryParse(string? text, out ViaHeader via) => TryParse(text.AsSpan(), out via);

    /// <summary>Parses one Via value held as characters (a header set by code), by the same byte grammar.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out ViaHeader via) =>
        ByteGrammar.ReadChars(text, static (ReadOnlySpan<byte> bytes, out ViaHeader value) => TryParse(bytes, out value), out via);

    /// <summary>
    /// Parses one Via value from its wire bytes: <see cref="ViaTokens"/> finds the parts, and only the host and the
    /// parameters become strings (the parameters with room for the received and rport a proxy adds on arrival).
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out ViaHeader via)
    {
        via = null!;
        if (!ViaTokens.TryRead(text, out var tokens))
        {
            return false;
        }

        var transport = text[tokens.Transport];
        via = new ViaHeader
        {
            Transport = KnownTransport(transport) ?? Encoding.ASCII.GetString(transport).ToUpperInvariant(),
            Host = SharedHost.For(text[tokens.Host]),
            Port = tokens.Port < 0 ? null : tokens.Port,
            Parameters = SipParameters.From(text[tokens.Parameters], spare: 1),
        };
        return true;
    }

    private static string? KnownTransport(ReadOnlySpan<byte> text) =>
        ByteGrammar.EqualsLetters(text, "udp"u8) ? "UDP"
        : ByteGrammar.EqualsLetters(text, "tcp"u8) ? "TCP"
        : ByteGrammar.EqualsLetters(text, "tls"u8) ? "TLS"
        : null;

    /// <summary>
    /// The value as <see cref="ToString"/> gives it, as UTF-8 bytes into <paramref name="destination"/>; false when it
    /// does not fit. No string is made.
    /// </summary>
    public bool TryWrite(Span<byte> destination, out int written)
    {
        written = 0;
        if (!Put("SIP/2.0/"u8, destination, ref written) || !Put(Transport, destination, ref written) || !Put(" "u8, destination, ref written)
            || !Put(Host, destination, ref written))
        {
            return false;
        }

        if (Port is { } port)
        {
            if (!Put(":"u8, destination, ref written) || !port.TryFormat(destination[written..], out var digits, default, System.Globalization.CultureInfo.InvariantCulture))
            {
                return false;
            }

            written += digits;
        }

        foreach (var (name, value) in Parameters.Span)
        {
            if (!Put(";"u8, destination, ref written) || !Put(name, destination, ref written)
                || (value is not null && (!Put("="u8, destination, ref written) || !Put(value, destination, ref written))))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Put(ReadOnlySpan<byte> bytes, Span<byte> destination, ref int written)
    {
        if (!bytes.TryCopyTo(destination[written..]))
        {
            return false;
        }

        written += bytes.Length;
        return true;
    }

    private static bool Put(string text, Span<byte> destination, ref int written)
    {
        if (!System.Text.Encoding.UTF8.TryGetBytes(text, destination[written..], out var count))
        {
            return false;
        }

        written += count;
        return true;
    }

    public override string ToString()
    {
        // The handler writes into a pooled buffer: the finished string is the only allocation.
        var text = new System.Runtime.CompilerServices.DefaultInterpolatedStringHandler(0, 0);
        text.AppendLiteral("SIP/2.0/");
        text.AppendFormatted(Transport);
        text.AppendLiteral(" ");
        text.AppendFormatted(Host);
        if (Port is { } port)
        {
            text.AppendLiteral(":");
            text.AppendFormatted(port);
        }

        foreach (var (name, value) in Parameters.Span)
        {
            text.AppendLiteral(";");
            text.AppendFormatted(name);
            if (value is not null)
            {
                text.AppendLiteral("=");
                text.AppendFormatted(value);
            }
        }

        return text.ToStringAndClear();
    }
}
