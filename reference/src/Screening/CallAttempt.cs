namespace Screening;

/// <summary>What the screening rules see of one INVITE, independent of SIP.</summary>
/// <param name="Realm">The ingress realm.</param>
/// <param name="PresentedNumber">The user part of From, as received.</param>
/// <param name="AssertedNumber">The user part of P-Asserted-Identity, when present.</param>
/// <param name="CalledNumber">The user part of the Request-URI.</param>
/// <param name="Source">The address and port the INVITE came from, "ip:port" (identifies an access trunk).</param>
/// <param name="CallId">The Call-ID, for records and to follow the call's later events.</param>
/// <param name="At">When the INVITE arrived, on the node's clock (a test clock in test mode).</param>
public sealed partial record CallAttempt(
    Realm Realm,
    string PresentedNumber,
    string? AssertedNumber,
    string CalledNumber,
    string Source,
    string CallId,
    DateTimeOffset At)
{
    /// <summary>
    /// Whether P-Asserted-Identity names a second calling number, other than From's. The call's calling numbers are
    /// From's and, where this holds, the asserted one; a rule about the caller must hold for each.
    /// </summary>
    public bool AssertsAnotherNumber => AssertedNumber is not null && AssertedNumber != PresentedNumber;
}
