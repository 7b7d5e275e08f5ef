using Microsoft.Extensions.Logging;
using Sip.Transport;

namespace Sip.Proxy;

/// <summary>
/// Forwarding without a transaction (§16.11): ACKs for 2xx and CANCELs that match nothing go on towards their next
/// hop, and responses no client transaction claims go back towards the next Via (§16.7, §18.2.2).
/// </summary>
internal sealed class StatelessForwarder
{
    private readonly ProxyOptions _options;
    private readonly ProxyCounters _counters;
    private readonly Func<SipUri, bool> _isOurUri;
    private readonly ILogger _logger;

    // Made once: a method group passed as a delegate is a new delegate on every call.
    private readonly Action _countNextHopFailure;

    public StatelessForwarder(ProxyOptions options, ProxyCounters counters, Func<SipUri, bool> isOurUri, ILogger logger)
    {
        _options = options;
        _counters = counters;
        _isOurUri = isOurUri;
        _logger = logger;
        _countNextHopFailure = counters.CountNextHopFailure;
    }

    /// <summary>Forwards without a transaction; returns what was sent (the request itself when it could not be forwarded).</summary>
    public SipRequest Forward(ProxyLeg leg, SipRequest request, InboundMessage inbound)
    {
        if (!ForwardedCopy.TryDecrementMaxForwards(request, out var forwarded))
        {
            _counters.CountTooManyHops();
            if (request.Kind != SipMethod.Ack)
            {
                Outbound.Send(inbound.Transport, SipResponse.For(request, 483), inbound.Remote, _logger);
            }

            return forwarded;
        }

        var target = RequestRouting.Route(forwarded, _isOurUri, new HopTarget(_options.NextHop, _options.NextHopProtocol));
        var outbound = leg.For(target.Protocol);
        ForwardedCopy.PushVia(forwarded, outbound, ForwardedCopy.StatelessBranch(request));
        // Every ACK for a 2xx comes this way: its failure only counts, so it shares one delegate instead of a closure each.
        Outbound.Send(outbound, forwarded, target.EndPoint, _logger, request.Kind == SipMethod.Ack ? _countNextHopFailure : () =>
        {
            _counters.CountNextHopFailure();
            Outbound.Send(inbound.Transport, SipResponse.For(request, 503), inbound.Remote, _logger);
        });
        return forwarded;
    }

    /// <summary>Sends a response whose own Via this proxy already removed towards the next Via (§18.2.2); the caller still owns it.</summary>
    public void RelayUpstream(SipResponse response, ProxyLeg leg)
    {
        if (response.TopVia is not { } next || ViaStamping.ResponseTarget(next) is not { } target)
        {
            return;
        }

        Outbound.Send(leg.For(TransportProtocols.Of(next.Transport)), response, target, _logger);
    }
}
