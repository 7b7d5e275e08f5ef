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

    public static bool TryParse(string? text, out ViaHeader via)
    {
        via = null!;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var s = text.Trim();
        var slash1 = s.IndexOf('/');
        var slash2 = slash1 < 0 ? -1 : s.IndexOf('/', slash1 + 1);
        if (slash2 < 0)
        {
            return false;
        }

        var protocol = s[..slash1].Trim();
        var version = s[(slash1 + 1)..slash2].Trim();
        if (!protocol.Equals("SIP", StringComparison.OrdinalIgnoreCase) || version != "2.0")
        {
            return false;
        }

        var afterProtocol = s[(slash2 + 1)..].TrimStart();
        var space = afterProtocol.IndexOfAny([' ', '\t']);
        if (space <= 0)
        {
            return false;
        }

        var transport = afterProtocol[..space].ToUpperInvariant();
        if (!SipGrammar.IsToken(transport))
        {
            return false;
        }

        var sentByAndParams = afterProtocol[space..].Trim();
        var semi = sentByAndParams.IndexOf(';');
        var sentBy = (semi < 0 ? sentByAndParams : sentByAndParams[..semi]).Replace(" ", string.Empty, StringComparison.Ordinal);
        if (!SipUri.TrySplitHostPort(sentBy, out var host, out var port) ||
            !SipParameters.TryParse(semi < 0 ? [] : sentByAndParams.AsSpan(semi + 1), ';', out var parameters))
        {
            return false;
        }

        via = new ViaHeader { Transport = transport, Host = host, Port = port, Parameters = parameters };
        return true;
    }

    public override string ToString()
    {
        var builder = new StringBuilder(96);
        builder.Append("SIP/2.0/").Append(Transport).Append(' ').Append(Host);
        if (Port is not null)
        {
            builder.Append(':').Append(Port.Value);
        }

        Parameters.AppendTo(builder, ';');
        return builder.ToString();
    }
}
