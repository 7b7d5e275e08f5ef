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

    /// <summary>The announced body is larger than this element accepts (413).</summary>
    BodyTooLarge,

    /// <summary>A Proxy-Require option tag this element does not support (420, RFC 3261 §16.3 item 4).</summary>
    UnsupportedExtension,

    /// <summary>A header that may appear once (From, To, Call-ID, CSeq, Max-Forwards, Content-Length) appears more often.</summary>
    DuplicateSingletonHeader,
}
