namespace Sip;

public enum SipParseStatus
{
    /// <summary>More bytes are needed; nothing was consumed except leading CRLF keep-alives.</summary>
    Incomplete,

    /// <summary>A whole message was read; <see cref="SipParseResult.Consumed"/> bytes belong to it.</summary>
    Complete,

    /// <summary>The bytes are not an acceptable SIP message; see <see cref="SipParseResult.Error"/>.</summary>
    Rejected,
}
