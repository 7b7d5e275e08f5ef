namespace Sip;

/// <summary>
/// Outcome of one parse. On <see cref="SipParseStatus.Rejected"/>, <see cref="Message"/> is set when the start
/// line and headers could still be read, so a server can answer the request with the mapped 4xx/5xx.
/// </summary>
public readonly record struct SipParseResult(SipParseStatus Status, SipMessage? Message, int Consumed, SipParseError Error, string? Detail)
{
    public static SipParseResult Incomplete(int consumed) => new(SipParseStatus.Incomplete, null, consumed, SipParseError.None, null);

    public static SipParseResult Complete(SipMessage message, int consumed) => new(SipParseStatus.Complete, message, consumed, SipParseError.None, null);

    public static SipParseResult Reject(SipParseError error, string detail, SipMessage? partial = null, int consumed = 0) =>
        new(SipParseStatus.Rejected, partial, consumed, error, detail);
}
