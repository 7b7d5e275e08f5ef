using System.Text;

namespace Sip.Benchmarks;

/// <summary>An INVITE as a carrier's access trunk sends it: about 800 bytes with SDP.</summary>
public static class TypicalInvite
{
    public static readonly byte[] Bytes = Encoding.ASCII.GetBytes(
        "INVITE sip:13812345678@198.51.100.10:5060;user=phone SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP 203.0.113.25:5060;branch=z9hG4bK-524287-1---77ba8a2b;rport\r\n" +
        "Max-Forwards: 70\r\n" +
        "Contact: <sip:02088881234@203.0.113.25:5060;transport=udp>\r\n" +
        "To: <sip:13812345678@198.51.100.10;user=phone>\r\n" +
        "From: \"Caller\" <sip:02088881234@203.0.113.25;user=phone>;tag=4f8c2a1d\r\n" +
        "Call-ID: 9a7c3e1f2b4d6a8c0e2f4a6c8e0a2c4e@203.0.113.25\r\n" +
        "CSeq: 1 INVITE\r\n" +
        "P-Asserted-Identity: <sip:02088881234@203.0.113.25;user=phone>\r\n" +
        "Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, PRACK, UPDATE\r\n" +
        "Supported: 100rel, timer\r\n" +
        "Session-Expires: 1800\r\n" +
        "User-Agent: TrunkGateway 4.2\r\n" +
        "Content-Type: application/sdp\r\n" +
        "Content-Length: 235\r\n" +
        "\r\n" +
        "v=0\r\n" +
        "o=- 1700000000 1700000000 IN IP4 203.0.113.25\r\n" +
        "s=-\r\n" +
        "c=IN IP4 203.0.113.25\r\n" +
        "t=0 0\r\n" +
        "m=audio 40000 RTP/AVP 8 0 18 101\r\n" +
        "a=rtpmap:8 PCMA/8000\r\n" +
        "a=rtpmap:0 PCMU/8000\r\n" +
        "a=rtpmap:18 G729/8000\r\n" +
        "a=rtpmap:101 telephone-event/8000\r\n" +
        "a=ptime:20\r\n");
}
