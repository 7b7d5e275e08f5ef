namespace Sip;

public static class SipParseErrorExtensions
{
    /// <summary>The status code of the response that answers a request rejected for this reason.</summary>
    public static int ToStatusCode(this SipParseError error) => error switch
    {
        SipParseError.None => 200,
        SipParseError.BodyTooLarge => 413,
        SipParseError.RequestUriTooLong => 414,
        SipParseError.UnsupportedUriScheme => 416,
        SipParseError.UnsupportedExtension => 420,
        SipParseError.UnsupportedVersion => 505,
        SipParseError.MessageTooLarge => 513,
        _ => 400,
    };
}
