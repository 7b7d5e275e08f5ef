namespace Sip;

/// <summary>
/// A header value parsed once and reused for as long as the message's headers have not changed since: the proxy reads
/// the top Via of a message four or five times (transaction key, response target, stamping, its own-Via check) and
/// each parse allocates about a kilobyte.
/// </summary>
internal sealed class ParsedHeader(SipHeaders headers, int version, object? value)
{
    public object? Value { get; } = value;

    public bool IsCurrentFor(SipHeaders current) => ReferenceEquals(headers, current) && version == current.Version;
}
