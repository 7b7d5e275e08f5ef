using System.Net;

namespace Sip.Transport;

/// <summary>Server-side Via handling on receipt: RFC 3261 §18.2.1 <c>received</c> and RFC 3581 <c>rport</c>.</summary>
public static class ViaStamping
{
    public static void StampReceived(SipRequest request, IPEndPoint source)
    {
        var raw = request.Headers[HeaderNames.Via];
        if (raw is null)
        {
            return;
        }

        var values = HeaderValueSplitter.SplitCommas(raw);
        if (!ViaHeader.TryParse(values[0], out var via))
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
            values[0] = via.ToString();
            request.Headers.Set(HeaderNames.Via, string.Join(", ", values));
        }
    }

    /// <summary>Where a response goes back to for a Via value (RFC 3261 §18.2.2, RFC 3581 §4).</summary>
    public static IPEndPoint? ResponseTarget(ViaHeader via)
    {
        var host = via.Received ?? via.Host;
        if (!IPAddress.TryParse(host.Trim('[', ']'), out var address))
        {
            return null;
        }

        return new IPEndPoint(address, via.RPort ?? via.Port ?? 5060);
    }
}
