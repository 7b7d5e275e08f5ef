namespace Sip;

/// <summary>Why a message was rejected; each maps to the status code a server answers with (RFC 3261 §21).</summary>
public enum SipParseError
{
    None,
    MalformedStartLine,
    UnsupportedVersion,
    MalformedHeader,
    MissingRequiredHeader,
    InvalidContentLength,
    BodyShorterThanContentLength,
    MessageTooLarge,
    RequestUriTooLong,
    UnsupportedUriScheme,
    CSeqMethodMismatch,
}

public static class SipParseErrorExtensions
{
    public static int ToStatusCode(this SipParseError error) => error switch
    {
        SipParseError.UnsupportedVersion => 505,
        SipParseError.MessageTooLarge => 513,
        SipParseError.RequestUriTooLong => 414,
        SipParseError.UnsupportedUriScheme => 416,
        SipParseError.None => 200,
        _ => 400,
    };
}
