namespace Sip;

public sealed class SipRequest : SipMessage
{
    public required string Method { get; init; }

    public required string RequestUri { get; set; }

    protected override string StartLine => $"{Method} {RequestUri} {Version}";

    public SipRequest Clone() => new()
    {
        Method = Method,
        RequestUri = RequestUri,
        Headers = Headers.Clone(),
        Body = Body,
    };
}
