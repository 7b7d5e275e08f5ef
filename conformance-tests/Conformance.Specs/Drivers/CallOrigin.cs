namespace Conformance.Specs.Drivers;

/// <summary>Reads the origin warning (Call-Info entries of purpose origin) off a forwarded INVITE.</summary>
public static class CallOrigin
{
    public static IReadOnlyList<string> Entries(Sip.SipRequest invite) =>
        invite.Headers.All(Sip.HeaderNames.CallInfo)
            .SelectMany(v => v.Split(','))
            .Select(v => v.Trim())
            .Where(v => v.Contains("purpose=origin", StringComparison.OrdinalIgnoreCase))
            .ToList();
}
