using System.Net;

namespace Sip.Transport;

/// <summary>Server-side Via handling on receipt: RFC 3261 §18.2.1 <c>received</c> and RFC 3581 <c>rport</c>.</summary>
public static class ViaStamping
{
    public static void StampReceived(SipRequest request, IPEndPoint source)
    {
        if (TopViaBytes.TryRead(request.Headers, out var top) && TryStampBytes(request, top, source))
        {
            return;
        }

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

    /// <summary>
    /// The stamp written from the Via's wire bytes into the receive buffer's spare room, parameters kept as written
    /// (an existing <c>received</c> or <c>rport</c> given its value in place, <c>received</c> added last otherwise), as
    /// the parsed path writes them. False when it cannot be done so (no room): the caller stamps the parsed view.
    /// </summary>
    private static bool TryStampBytes(SipRequest request, TopViaBytes via, IPEndPoint source)
    {
        // An endpoint's address keeps its text once made, and the transports hand the same endpoint per sender.
        var sourceAddress = source.Address.ToString();
        var rport = via.TryGetParameter("rport", out _);
        if (!rport && System.Text.Ascii.Equals(via.Host, sourceAddress))
        {
            return true;
        }

        Span<byte> stamped = stackalloc byte[512];
        var parameters = via.Parameters;
        // Protocol and sent-by as written; each parameter after it gets its ';' again.
        var head = ByteGrammar.TrimEnd(via.HasParameters ? via.Value[..(via.Tokens.Parameters.Start.Value - 1)] : via.Value);
        if (!head.TryCopyTo(stamped))
        {
            return false;
        }

        var at = head.Length;
        var hasReceived = false;
        var reader = new ParameterReader(parameters);
        while (reader.Next(out var nameStart, out var nameEnd, out var valueStart, out var valueEnd))
        {
            if (!Put(";"u8, stamped, ref at))
            {
                return false;
            }

            var name = parameters[nameStart..nameEnd];
            if (System.Text.Ascii.EqualsIgnoreCase(name, "received"u8))
            {
                hasReceived = true;
                if (!Put(name, stamped, ref at) || !Put("="u8, stamped, ref at) || !PutAscii(sourceAddress, stamped, ref at))
                {
                    return false;
                }
            }
            else if (System.Text.Ascii.EqualsIgnoreCase(name, "rport"u8))
            {
                if (!Put(name, stamped, ref at) || !Put("="u8, stamped, ref at) || !source.Port.TryFormat(stamped[at..], out var digits, default, System.Globalization.CultureInfo.InvariantCulture))
                {
                    return false;
                }

                at += digits;
            }
            else if (!Put(parameters[nameStart..(valueStart < 0 ? nameEnd : valueEnd)], stamped, ref at))
            {
                return false;
            }
        }

        if (!hasReceived && (!Put(";received="u8, stamped, ref at) || !PutAscii(sourceAddress, stamped, ref at)))
        {
            return false;
        }

        // The stamp's parts are the old value's up to its parameters, which now run from after the head to the end: kept
        // for the reads that follow (the transaction's key, where responses go), so none of them reads the value again.
        var tokens = via.Tokens;
        tokens.Parameters = (head.Length + 1)..at;
        return request.Headers.TryReplaceTopVia(stamped[..at], tokens);
    }

    private static bool Put(ReadOnlySpan<byte> bytes, Span<byte> destination, ref int at)
    {
        if (!bytes.TryCopyTo(destination[at..]))
        {
            return false;
        }

        at += bytes.Length;
        return true;
    }

    private static bool PutAscii(string text, Span<byte> destination, ref int at)
    {
        if (System.Text.Ascii.FromUtf16(text, destination[at..], out var written) != System.Buffers.OperationStatus.Done)
        {
            return false;
        }

        at += written;
        return true;
    }

    /// <summary>
    /// Where the responses to a request go back to over UDP (RFC 3261 §18.2.2, RFC 3581 §4), read from its top Via's
    /// wire bytes when they can be: <paramref name="likely"/> itself (the usual answer) costs no parse and no endpoint.
    /// </summary>
    public static IPEndPoint? ResponseTarget(SipRequest request, IPEndPoint likely)
    {
        if (!TopViaBytes.TryRead(request.Headers, out var via))
        {
            return request.TopVia is { } parsed ? ResponseTarget(parsed, likely) : null;
        }

        var host = via.TryGetParameter("received", out var received) && !received.IsEmpty ? received : via.Host;
        var port = via.TryGetParameter("rport", out var rport) && ByteGrammar.TryDigits(rport, 65_535, out var filled) ? (int)filled
            : via.Port >= 0 ? via.Port : 5060;
        if (port == likely.Port && System.Text.Ascii.Equals(host, likely.Address.ToString()))
        {
            return likely;
        }

        Span<char> text = stackalloc char[host.Length];
        if (System.Text.Ascii.ToUtf16(host, text, out var length) != System.Buffers.OperationStatus.Done
            || !IPAddress.TryParse(text[..length].Trim("[]"), out var address))
        {
            return null;
        }

        return new IPEndPoint(address, port);
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
