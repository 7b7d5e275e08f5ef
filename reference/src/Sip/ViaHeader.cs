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

    /// <summary>Parses one Via value from characters anywhere (a slice of a header, a buffer the raw bytes were widened into).</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out ViaHeader via)
    {
        via = null!;
        if (text.IsWhiteSpace())
        {
            return false;
        }

        // Spans until the parts are known good: only the host and the parameters become strings.
        var s = text.Trim();
        var slash1 = s.IndexOf('/');
        var slash2 = slash1 < 0 ? -1 : s[(slash1 + 1)..].IndexOf('/') is var next and >= 0 ? slash1 + 1 + next : -1;
        if (slash2 < 0)
        {
            return false;
        }

        var protocol = s[..slash1].Trim();
        var version = s[(slash1 + 1)..slash2].Trim();
        if (!protocol.Equals("SIP", StringComparison.OrdinalIgnoreCase) || !version.SequenceEqual("2.0"))
        {
            return false;
        }

        var afterProtocol = s[(slash2 + 1)..].TrimStart();
        var space = afterProtocol.IndexOfAny(' ', '\t');
        if (space <= 0)
        {
            return false;
        }

        var transportText = afterProtocol[..space];
        if (!SipGrammar.IsToken(transportText))
        {
            return false;
        }

        var transport = KnownTransport(transportText) ?? transportText.ToString().ToUpperInvariant();
        var sentByAndParams = afterProtocol[space..].Trim();
        var semi = sentByAndParams.IndexOf(';');
        var sentByText = semi < 0 ? sentByAndParams : sentByAndParams[..semi];
        var sentBy = sentByText.Contains(' ') ? sentByText.ToString().Replace(" ", string.Empty, StringComparison.Ordinal).AsSpan() : sentByText;
        if (!SipUri.TrySplitHostPort(sentBy, out var hostText, out var port) ||
            !SipParameters.TryParse(semi < 0 ? [] : sentByAndParams[(semi + 1)..], ';', spare: 1, out var parameters))
        {
            return false;
        }

        via = new ViaHeader { Transport = transport, Host = SharedHost.For(hostText), Port = port, Parameters = parameters };
        return true;
    }

    private static string? KnownTransport(ReadOnlySpan<char> text) =>
        text.Equals("UDP", StringComparison.OrdinalIgnoreCase) ? "UDP"
        : text.Equals("TCP", StringComparison.OrdinalIgnoreCase) ? "TCP"
        : text.Equals("TLS", StringComparison.OrdinalIgnoreCase) ? "TLS"
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
