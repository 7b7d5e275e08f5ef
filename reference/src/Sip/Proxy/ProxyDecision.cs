namespace Sip.Proxy;

/// <summary>What the proxy's user decided for a new request: forward it, or answer it here with a final response.</summary>
public sealed class ProxyDecision
{
    private ProxyDecision(SipResponse? response) => Response = response;

    public static ProxyDecision Forward { get; } = new(null);

    /// <summary>The response to send instead of forwarding; null when the request is forwarded.</summary>
    public SipResponse? Response { get; }

    public static ProxyDecision Answer(SipResponse response) => new(response);
}
