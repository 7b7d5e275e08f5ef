namespace Sip;

public sealed class SipRequest : SipMessage
{
    public required string Method { get; init; }

    public required string RequestUri { get; set; }

    /// <summary>The method as the proxy tells it apart; <see cref="SipMethod.Other"/> for an extension it does not know.</summary>
    public SipMethod Kind => SipMethods.Of(Method);

    private protected override int StartLineByteCount() =>
        System.Text.Encoding.UTF8.GetByteCount(Method) + 1 + System.Text.Encoding.UTF8.GetByteCount(RequestUri) + 1 + Version.Length;

    private protected override int WriteStartLine(Span<byte> destination)
    {
        var at = Put(destination, Method);
        destination[at++] = (byte)' ';
        at += Put(destination[at..], RequestUri);
        destination[at++] = (byte)' ';
        return at + Put(destination[at..], "SIP/2.0"u8);
    }

    public SipRequest Clone() => new()
    {
        Method = Method,
        RequestUri = RequestUri,
        Headers = Headers.Clone(),
        Body = Body,
    };
}
