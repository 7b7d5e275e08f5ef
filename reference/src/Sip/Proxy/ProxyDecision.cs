namespace Sip.Proxy;

/// <summary>What the proxy's user decided for a new request: forward it, or answer it here with a final response.</summary>
public sealed class ProxyDecision
{
    private ProxyDecision(SipResponse? response, ResponseHold? hold = null)
    {
        Response = response;
        Hold = hold;
    }

    public static ProxyDecision Forward { get; } = new(null);

    /// <summary>The response to send instead of forwarding; null when the request is forwarded.</summary>
    public SipResponse? Response { get; }

    /// <summary>What the final response, answered here or relayed, waits for before it leaves (null: nothing).</summary>
    public ResponseHold? Hold { get; }

    public static ProxyDecision Answer(SipResponse response) => new(response);

    /// <summary>The same decision, with its final response held at <paramref name="hold"/>.</summary>
    public ProxyDecision HeldAt(ResponseHold hold) => new(Response, hold);
}
