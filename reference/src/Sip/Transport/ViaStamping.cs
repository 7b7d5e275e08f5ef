using System.Net;

namespace Sip.Transport;

/// <summary>Server-side Via handling on receipt: RFC 3261 §18.2.1 <c>received</c> and RFC 3581 <c>rport</c>.</summary>
public static class ViaStamping
{
    public static void StampReceived(SipRequest request, IPEndPoint source)
    {
        // The parsed view is the request's own (shared until the headers change): it is changed here only together
        // with the header, and handed back as the new view.
        if (request.TopVia is not { } via)
        {
            return;
        }

        // An endpoint's address keeps its text once made, and the transports hand the same endpoint per sender.
        var sourceAddress = source.Address.ToString();
        var rport = via.Parameters.Contains("rport");
        if (via.Host == sourceAddress && !rport)
        {
            return;
        }

        via.Parameters.Set("received", sourceAddress);
        if (rport)
        {
            via.Parameters.Set("rport", PortText(source.Port));
        }

        // Only the top value changes: the field's other values and any later Via fields stay as they came. Written as
        // bytes after the message in its receive buffer when there is room, as a string otherwise.
        Span<byte> stamped = stackalloc byte[512];
        if (!via.TryWrite(stamped, out var length) || !request.Headers.TryReplaceFirstValue(HeaderNames.Via, stamped[..length]))
        {
            request.Headers.ReplaceFirstValue(HeaderNames.Via, via.ToString());
        }

        request.RememberTopVia(via);
    }

    // A sender's requests come one after another on its transport's thread: its port's text is made once for them.
    [ThreadStatic]
    private static string? t_portText;

    [ThreadStatic]
    private static int t_port;

    private static string PortText(int port)
    {
        if (t_portText is { } text && t_port == port)
        {
            return text;
        }

        t_port = port;
        return t_portText = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Where a response goes back to for a Via value (RFC 3261 §18.2.2, RFC 3581 §4).</summary>
    public static IPEndPoint? ResponseTarget(ViaHeader via) => ResponseTarget(via, null);

    /// <summary>
    /// As <see cref="ResponseTarget(ViaHeader)"/>, but <paramref name="likely"/> itself when the Via names exactly it: the
    /// usual answer (a request answered where it came from) costs no address parse and no new endpoint.
    /// </summary>
    public static IPEndPoint? ResponseTarget(ViaHeader via, IPEndPoint? likely)
    {
        var host = via.Received ?? via.Host;
        if (likely is not null && (via.RPort ?? via.Port ?? 5060) == likely.Port && host == likely.Address.ToString())
        {
            return likely;
        }

        if (!IPAddress.TryParse(host.Trim('[', ']'), out var address))
        {
            return null;
        }

        return new IPEndPoint(address, via.RPort ?? via.Port ?? 5060);
    }
}
