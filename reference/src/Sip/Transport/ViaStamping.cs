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

        var sourceAddress = source.Address.ToString();
        var changed = false;
        if (via.Host != sourceAddress || via.Parameters.Contains("rport"))
        {
            via.Parameters.Set("received", sourceAddress);
            changed = true;
        }

        if (via.Parameters.Contains("rport"))
        {
            via.Parameters.Set("rport", source.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (changed)
        {
            var raw = request.Headers[HeaderNames.Via]!;
            string stamped;
            if (HeaderValueSplitter.NextSeparator(raw, 0) < 0)
            {
                // One value in the header, the usual case: no list to split and join.
                stamped = via.ToString();
            }
            else
            {
                var values = HeaderValueSplitter.SplitCommas(raw);
                values[0] = via.ToString();
                stamped = string.Join(", ", values);
            }

            request.Headers.Set(HeaderNames.Via, stamped);
            request.RememberTopVia(via);
        }
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
