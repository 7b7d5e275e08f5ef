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
