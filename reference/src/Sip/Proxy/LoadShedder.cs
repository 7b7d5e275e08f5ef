using System.Globalization;
using Microsoft.Extensions.Logging;
using Sip.Transport;

namespace Sip.Proxy;

/// <summary>
/// Overload shedding: when the server transaction table is full, a new INVITE is answered 503 with Retry-After,
/// statelessly, with a To tag that lets its ACK be recognised and absorbed; one the policy marks never shed (an
/// emergency call) is served all the same.
/// </summary>
internal sealed class LoadShedder(ProxyOptions options, IProxyPolicy policy, ProxyCounters counters, ILogger logger)
{
    /// <summary>Prefix of the To tag of responses sent without a transaction, so that their ACKs are absorbed here.</summary>
    private const string StatelessTagPrefix = "sl";

    private readonly string _statelessTag = StatelessTagPrefix + Tags.New();

    /// <summary>Whether an INVITE arriving while <paramref name="serverTransactions"/> are live must be shed; the policy is asked only past the bound.</summary>
    public bool MustShed(SipRequest invite, int serverTransactions) =>
        serverTransactions >= options.MaxServerTransactions && !policy.IsNeverShed(invite);

    /// <summary>The overload answer: 503 with Retry-After and no transaction, so that shedding costs almost nothing.</summary>
    public void Shed(SipRequest invite, InboundMessage inbound)
    {
        counters.CountShed();
        var response = SipResponse.For(invite, 503, toTag: _statelessTag + Tags.New());
        response.Headers.Add(HeaderNames.RetryAfter, ((int)options.RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture));
        var target = inbound.Transport.Kind == TransportProtocol.Udp && invite.TopVia is { } via ? ViaStamping.ResponseTarget(via) ?? inbound.Remote : inbound.Remote;
        Outbound.Send(inbound.Transport, response, target, logger);
    }

    /// <summary>The ACK of a shed INVITE's 503: it stops here.</summary>
    public bool IsShedAck(SipRequest ack) => ack.To?.Tag is { } tag && tag.StartsWith(_statelessTag, StringComparison.Ordinal);
}
