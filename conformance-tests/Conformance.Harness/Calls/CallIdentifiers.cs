namespace Conformance.Harness.Calls;

/// <summary>
/// What identifies one call on the wire, whatever a system does to it on the way: the number called, and the Call-ID
/// and From tag the suite gave its INVITE. A call forwarded under a new Call-ID still names its callee.
/// </summary>
public sealed record CallIdentifiers(string CalleeNumber, string? CallId = null, string? FromTag = null)
{
    public static CallIdentifiers Of(Sip.SipRequest invite) => new(
        Sip.SipUri.TryParse(invite.RequestUri, out var uri) ? uri.Number ?? string.Empty : string.Empty,
        invite.CallId,
        invite.From?.Tag);
}
