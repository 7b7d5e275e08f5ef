using System.Net;
using Sip.Transport;

namespace Sip.Proxy;

/// <summary>
/// Route handling of a request a proxy forwards: RFC 3261 §16.4 (undo a strict router's rewrite, remove this
/// proxy's own Route entry) and §16.6 steps 6–7 (a strict next hop gets the Request-URI moved into the Route set;
/// the next hop is the top Route, else the Request-URI of a request that was routed here, else the default hop).
/// Only literal addresses are routed to: the reference resolves no names, so a name falls back to the default hop.
/// </summary>
public static class RequestRouting
{
    /// <param name="request">The copy that will be forwarded; its Request-URI and Route headers are rewritten in place.</param>
    /// <param name="isOurs">Whether a URI names this proxy (one of its listening addresses).</param>
    public static HopTarget Route(SipRequest request, Func<SipUri, bool> isOurs, HopTarget fallback)
    {
        if (!request.Headers.Contains(HeaderNames.Route))
        {
            return fallback;
        }

        var routes = new List<string>();
        foreach (var field in request.Headers.All(HeaderNames.Route))
        {
            routes.AddRange(HeaderValueSplitter.SplitCommas(field).Select(v => v.Trim()));
        }

        // §16.4: a strict router before us put our Record-Route URI in the Request-URI; the real one is the last Route.
        if (SipUri.TryParse(request.RequestUri, out var requestUri) && requestUri.User is null && isOurs(requestUri) && routes.Count > 0)
        {
            request.RequestUri = UriOf(routes[^1])?.ToString() ?? request.RequestUri;
            routes.RemoveAt(routes.Count - 1);
        }

        var routedHere = false;
        if (routes.Count > 0 && UriOf(routes[0]) is { } top && isOurs(top))
        {
            routes.RemoveAt(0);
            routedHere = true;
        }

        var target = fallback;
        if (routes.Count > 0 && UriOf(routes[0]) is { } next)
        {
            target = TargetOf(next, fallback.Protocol) ?? fallback;
            if (!next.Parameters.Contains("lr"))
            {
                // §16.6 step 6: a strict router expects its own URI as the Request-URI and the old one at the end of Route.
                routes.Add($"<{request.RequestUri}>");
                request.RequestUri = next.ToString();
                routes.RemoveAt(0);
            }
        }
        else if (routedHere && SipUri.TryParse(request.RequestUri, out var remote))
        {
            target = TargetOf(remote, fallback.Protocol) ?? fallback;
        }

        request.Headers.RemoveAll(HeaderNames.Route);
        foreach (var route in routes)
        {
            request.Headers.Add(HeaderNames.Route, route);
        }

        return target;
    }

    /// <summary>A Record-Route value naming this proxy at <paramref name="local"/>, loose-routing.</summary>
    public static string RecordRouteFor(IPEndPoint local, TransportProtocol protocol)
    {
        var host = local.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{local.Address}]" : local.Address.ToString();
        var transport = protocol == TransportProtocol.Tcp ? ";transport=tcp" : string.Empty;
        return $"<sip:{host}:{local.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)}{transport};lr>";
    }

    private static SipUri? UriOf(string route) =>
        NameAddress.TryParse(route, out var address) ? address.Uri : SipUri.TryParse(route.Trim('<', '>'), out var uri) ? uri : null;

    private static HopTarget? TargetOf(SipUri uri, TransportProtocol defaultProtocol)
    {
        if (uri.IsTel || !IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address))
        {
            return null;
        }

        var port = uri.Port ?? (uri.Scheme == "sips" ? 5061 : 5060);
        var transport = uri.Parameters["transport"];
        var protocol = transport is null ? defaultProtocol : TransportProtocols.Of(transport);
        return new HopTarget(new IPEndPoint(address, port), protocol);
    }
}
