namespace Sip.Tests;

/// <summary>Shared wire data: valid, invalid and incomplete messages, each with what the parser must make of it.</summary>
public static class SipMessages
{
    public const string Invite =
        "INVITE sip:13812345678@127.0.0.1:5064;user=phone SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP 127.0.0.1:40000;branch=z9hG4bK776asdhds;rport\r\n" +
        "Max-Forwards: 70\r\n" +
        "To: <sip:13812345678@127.0.0.1;user=phone>\r\n" +
        "From: \"Caller\" <sip:+14155550123@127.0.0.1;user=phone>;tag=1928301774\r\n" +
        "Call-ID: a84b4c76e66710@pc33.example.com\r\n" +
        "CSeq: 314159 INVITE\r\n" +
        "Contact: <sip:+14155550123@127.0.0.1:40000>\r\n" +
        "Content-Type: application/sdp\r\n" +
        "Content-Length: 4\r\n" +
        "\r\n" +
        "v=0\n";

    public static IEnumerable<TestCaseData> Invalid()
    {
        yield return Case("version 3.0", Invite.Replace("SIP/2.0\r\nVia", "SIP/3.0\r\nVia", StringComparison.Ordinal), SipParseError.UnsupportedVersion, 505);
        yield return Case("im: scheme", Invite.Replace("INVITE sip:13812345678@127.0.0.1:5064;user=phone", "INVITE im:13812345678@127.0.0.1", StringComparison.Ordinal), SipParseError.UnsupportedUriScheme, 416);
        yield return Case("no Call-ID", Invite.Replace("Call-ID: a84b4c76e66710@pc33.example.com\r\n", string.Empty, StringComparison.Ordinal), SipParseError.MissingRequiredHeader, 400);
        yield return Case("CSeq method differs", Invite.Replace("314159 INVITE", "314159 OPTIONS", StringComparison.Ordinal), SipParseError.CSeqMethodMismatch, 400);
        yield return Case("Content-Length overstates", Invite.Replace("Content-Length: 4", "Content-Length: 9999", StringComparison.Ordinal), SipParseError.BodyShorterThanContentLength, 400);
        yield return Case("Content-Length not a number", Invite.Replace("Content-Length: 4", "Content-Length: four", StringComparison.Ordinal), SipParseError.InvalidContentLength, 400);
        yield return Case("two spaces in request line", Invite.Replace("INVITE sip:", "INVITE  sip:", StringComparison.Ordinal), SipParseError.MalformedStartLine, 400);
        yield return Case("header without colon", Invite.Replace("Max-Forwards: 70", "Max-Forwards 70", StringComparison.Ordinal), SipParseError.MalformedHeader, 400);
        yield return Case("unterminated header block", "INVITE sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\n", SipParseError.MalformedHeader, 400);
        yield return Case("HTTP request", "GET / HTTP/1.1\r\nHost: x\r\n\r\n", SipParseError.MalformedStartLine, 400);
    }

    private static TestCaseData Case(string name, string text, SipParseError error, int status) =>
        new TestCaseData(text, error, status).SetName($"Rejects {name}");
}
