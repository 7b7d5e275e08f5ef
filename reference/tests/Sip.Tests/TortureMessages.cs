namespace Sip.Tests;

/// <summary>
/// Messages in the spirit of RFC 4475 (SIP torture tests), one or more per category it lists, each named by its
/// section. Valid ones must parse; invalid ones must be rejected with the status an element answers.
/// </summary>
public static class TortureMessages
{
    private const string Sdp = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n";

    private const string Multipart = "--7a9cbec02ceef655\r\nContent-Type: text/plain\r\n\r\nhi\r\n--7a9cbec02ceef655--\r\n";

    public static IEnumerable<TestCaseData> Valid()
    {
        yield return ValidCase("3.1.1.1 short tortuous: whitespace, folding, compact forms, odd case, leading zeros",
            Head(
                "INVITE sip:vivekg@chair-dnrc.example.com;unknownparam SIP/2.0",
                "TO :",
                " sip:vivekg@chair-dnrc.example.com ;   tag    = 1918181833n",
                "from   : \"J Rosenberg \\\\\\\"\"       <sip:jdrosen@example.com>",
                "  ;",
                "  tag = 98asjd8",
                "MaX-fOrWaRdS: 0068",
                "Call-ID: wsinv.ndaksdj@192.0.2.1",
                "Content-Length   : 150",
                "cseq: 0009",
                "  INVITE",
                "Via  : SIP  /   2.0",
                " /UDP",
                "    192.0.2.2;branch=390skdjuw",
                "s :",
                "NewFangledHeader:   newfangled value",
                " continued newfangled value",
                "UnknownHeaderWithUnusualValue: ;;,,;;,;",
                "Content-Type: application/sdp",
                "Route:",
                " <sip:services.example.com;lr;unknownwith=value;unknown-no-value>",
                "v:  SIP  / 2.0  / TCP     spindle.example.com   ;",
                "  branch  =   z9hG4bK9ikj8  ,",
                " SIP  /    2.0   / UDP  192.168.255.111   ; branch=",
                " z9hG4bK30239",
                "m:\"Quoted string \\\"\\\"\" <sip:jdrosen@example.com> ; newparam =",
                "      newvalue ;",
                "  secondparam ; q = 0.33") + Pad(150),
            m => m.CSeq!.Value.Sequence == 9 && m.Headers[HeaderNames.MaxForwards] == "0068" &&
                 m.Headers["NewFangledHeader"] == "newfangled value continued newfangled value" && m.Body.Length == 150);

        yield return ValidCase("3.1.1.2 wide range of valid characters in method, header names and parameters",
            Head(
                "!interesting-Method0123456789_*+`.%indeed'~ sip:1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*:&it+has=1,weird!*pas$wo~d_too.(doesn't-it)@example.com SIP/2.0",
                "Via: SIP/2.0/TCP host1.example.com;branch=z9hG4bK-.!%66*_+`'~",
                "To: \"BEL:\\\u0007 NUL:\\\u0000 DEL:\\\u007F\" <sip:1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*@example.com>",
                "From: token1~` token2'+_ token3*%!.- <sip:mundane@example.com>;fromParam''~+*_!.-%=\"работающий\";tag=_token~1'+`*%!-.",
                "Call-ID: intmeth.word%ZK-!.*_+'@word`~)(><:\\/\"][?}{",
                "CSeq: 139122385 !interesting-Method0123456789_*+`.%indeed'~",
                "Max-Forwards: 255",
                "extensionHeader-!.%*+_`'~:\uFEFF大停電",
                "Content-Length: 0"),
            m => ((SipRequest)m).Method == "!interesting-Method0123456789_*+`.%indeed'~" && m.Headers["extensionHeader-!.%*+_`'~"] == "\uFEFF大停電" &&
                 m.Headers[HeaderNames.To]!.StartsWith("\"BEL:\\\u0007 NUL:\\\u0000 DEL:\\\u007F\"", StringComparison.Ordinal));

        yield return ValidCase("3.1.1.3 valid use of the % escaping mechanism",
            Head(
                "INVITE sip:sips%3Auser%40example.com@example.net SIP/2.0",
                "To: sip:%75se%72@example.com",
                "From: <sip:I%20have%20spaces@example.net>;tag=938",
                "Max-Forwards: 87",
                "i: esc01.239409asdfakjkn23onasd0-3234",
                "CSeq: 234234 INVITE",
                "Via: SIP/2.0/UDP host5.example.net;branch=z9hG4bKkdjuw",
                "C: application/sdp",
                "Contact: <sip:cal%6Cer@host5.example.net;%6C%72;n%61me=v%61lue%25%34%31>",
                "Content-Length: 0"),
            m => m.To!.Uri.User == "user" && m.From!.Uri.User == "I have spaces");

        yield return ValidCase("3.1.1.4 escaped nulls in URIs",
            Head(
                "REGISTER sip:example.com SIP/2.0",
                "To: sip:null-%00-null@example.com",
                "From: sip:null-%00-null@example.com;tag=839923423",
                "Max-Forwards: 70",
                "Call-ID: escnull.39203ndfvkjdasfkq3w4otrq0adsfdfnavd",
                "CSeq: 14398234 REGISTER",
                "Via: SIP/2.0/UDP host5.example.com;branch=z9hG4bKkdjuw",
                "Contact: <sip:%00@host5.example.com>",
                "Contact: <sip:%00%00@host5.example.com>",
                "L:0"),
            m => m.To!.Uri.User == "null-\0-null");

        yield return ValidCase("3.1.1.5 use of % when it is not an escape",
            Head(
                "RE%47IST%45R sip:registrar.example.com SIP/2.0",
                "To: \"%Z%45\" <sip:resource@example.com>",
                "From: \"%Z%45\" <sip:resource@example.com>;tag=f232jadfj23",
                "Call-ID: esc02.asdfnqwo34rq23i34jrjasdcnl23nrlknsdf",
                "Via: SIP/2.0/TCP host.example.com;rport;branch=z9hG4bK209323",
                "CSeq: 29344 RE%47IST%45R",
                "Max-Forwards: 70",
                "Contact: <sip:alias1@host1.example.com>",
                "C%6Fntact: <sip:alias2@host2.example.com>",
                "Contact: <sip:alias3@host3.example.com>",
                "l: 0"),
            m => ((SipRequest)m).Method == "RE%47IST%45R" && m.Headers["C%6Fntact"] is not null);

        yield return ValidCase("3.1.1.6 message with no LWS between display name and <",
            Head(
                "OPTIONS sip:user@example.com SIP/2.0",
                "To: sip:user@example.com",
                "From: caller<sip:caller@example.com>;tag=323",
                "Max-Forwards: 70",
                "Call-ID: lwsdisp.1234abcd@funky.example.com",
                "CSeq: 60 OPTIONS",
                "Via: SIP/2.0/UDP funky.example.com;branch=z9hG4bKkdjuw",
                "l: 0"),
            m => m.From!.DisplayName == "caller");

        yield return ValidCase("3.1.1.7 long values in header fields",
            Head(
                "INVITE sip:user@example.com SIP/2.0",
                "To: \"I have a user name of " + new string('x', 600) + "\" <sip:user@example.com>",
                "From: sip:caller@example.net;tag=" + new string('9', 300),
                "Call-ID: longreq." + new string('a', 300),
                "CSeq: 1 INVITE",
                "Max-Forwards: 70",
                "Unknown-" + new string('L', 200) + ": " + new string('v', 1000),
                "Via: SIP/2.0/TCP sip33.example.com;branch=z9hG4bK" + new string('b', 300),
                string.Join("\r\n", Enumerable.Range(1, 30).Select(i => $"Via: SIP/2.0/TCP sip{i}.example.com;branch=z9hG4bK{i}")),
                "Contact: <sip:" + new string('u', 300) + "@host.example.net>",
                "Content-Length: 0"),
            m => m.Headers.All(HeaderNames.Via).Count() == 31);

        yield return ValidCase("3.1.1.8 extra trailing octets in a UDP datagram are ignored",
            Head(
                "REGISTER sip:example.com SIP/2.0",
                "To: sip:j.user@example.com",
                "From: sip:j.user@example.com;tag=43251j3j324",
                "Max-Forwards: 8",
                "I: dblreq.0ha0isndaksdj99sdfafnl3lk233412",
                "Contact: sip:j.user@host.example.com",
                "CSeq: 8 REGISTER",
                "Via: SIP/2.0/UDP 192.0.2.125;branch=z9hG4bKkdjuw23492",
                "Content-Length: 0") +
            Head(
                "INVITE sip:joe@example.com SIP/2.0",
                "t: sip:joe@example.com",
                "From: sip:caller@example.net;tag=141334",
                "Max-Forwards: 8",
                "Call-ID: dblreq.0ha0isnda977644900765@192.0.2.15",
                "CSeq: 8 INVITE",
                "Via: SIP/2.0/UDP 192.0.2.15;branch=z9hG4bKkdjuw380234",
                "Content-Type: application/sdp",
                "Content-Length: 0"),
            m => ((SipRequest)m).Method == "REGISTER" && m.Body.Length == 0);

        yield return ValidCase("3.1.1.9 semicolon-separated parameters in the URI user part",
            Head(
                "OPTIONS sip:user;par=u%40example.net@example.com SIP/2.0",
                "To: sip:j_user@example.com",
                "From: sip:caller@example.org;tag=33242",
                "Max-Forwards: 3",
                "Call-ID: semiuri.0ha0isndaksdj",
                "CSeq: 8 OPTIONS",
                "Accept: application/sdp, application/pkcs7-mime,",
                "        multipart/mixed, multipart/signed,",
                "        message/sip, message/sipfrag",
                "Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bKkdjuw",
                "l: 0"),
            m => SipUri.TryParse(((SipRequest)m).RequestUri, out var uri) && uri.User == "user;par=u@example.net");

        yield return ValidCase("3.1.1.10 varied and unknown transport types",
            Head(
                "OPTIONS sip:user@example.com SIP/2.0",
                "To: sip:user@example.com",
                "From: <sip:caller@example.com>;tag=323",
                "Max-Forwards: 70",
                "Call-ID: transports.kijh4akdnaqjkwendsasfdj",
                "Accept: application/sdp",
                "CSeq: 60 OPTIONS",
                "Via: SIP/2.0/UDP t1.example.com;branch=z9hG4bKkdjuw",
                "Via: SIP/2.0/SCTP t2.example.com;branch=z9hG4bKklasjdhf",
                "Via: SIP/2.0/TLS t3.example.com;branch=z9hG4bK2980unddj",
                "Via: SIP/2.0/UNKNOWN t4.example.com;branch=z9hG4bKasd0f3en",
                "Via: SIP/2.0/TCP t5.example.com;branch=z9hG4bK0a9idfnee",
                "l: 0"),
            m => m.TopVia!.Transport == "UDP" && m.Headers.All(HeaderNames.Via).Count() == 5);

        yield return ValidCase("3.1.1.11 multipart MIME message body is kept as bytes",
            Head(
                "MESSAGE sip:kumiko@example.org SIP/2.0",
                "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-d87543-4dade06d0bdb11ee-1--d87543-;rport",
                "Max-Forwards: 70",
                "Route: <sip:127.0.0.1:5080>",
                "Identity: r5mwreLuyDRYBi/0TiPwEsY3Uc2vJ3y2zyrITKYY4G+4u5Ux7WTIw8uWHj9BZNjbRZ9Ei6KYWbg+Pu1KYo6WE6M4Kxr7kr3TYq8WGjzrz3Ha9s9ApdNFqqXmD2VjJB9L6e3Nll6ENRtjUTKBqkx9mA0R7b7Q5O0mGF+xTlRWDs=",
                "Identity-Info: <https://example.com/cert>;alg=rsa-sha1",
                "To: <sip:kumiko@example.org>",
                "From: <sip:bob@example.com>;tag=ba76",
                "Call-ID: mpart01.dsfjakdsf",
                "CSeq: 1 MESSAGE",
                "Content-Type: multipart/mixed;boundary=7a9cbec02ceef655",
                "Content-Length: " + Multipart.Length) + Multipart,
            m => m.Body.Length == Multipart.Length);

        yield return ValidCase("3.1.1.12 unusual UTF-8 reason phrase",
            Head(
                "SIP/2.0 200 = 2**3 * 5**2 но сто девяносто девять - простое",
                "Via: SIP/2.0/UDP 192.0.2.198;branch=z9hG4bK1324923",
                "Call-ID: unreason.1234ksdfak3j2erwedfsASdf",
                "CSeq: 35 INVITE",
                "From: sip:user@example.com;tag=11141343",
                "To: sip:user@example.edu;tag=2229",
                "Content-Length: 0"),
            m => ((SipResponse)m).ReasonPhrase.EndsWith("простое", StringComparison.Ordinal));

        yield return ValidCase("3.1.1.13 empty reason phrase",
            Head(
                "SIP/2.0 100 ",
                "Via: SIP/2.0/UDP 192.0.2.105;branch=z9hG4bK2398ndaoe",
                "Call-ID: noreason.asndj203insdf99223ndf",
                "CSeq: 35 INVITE",
                "From: <sip:user@example.com>;tag=39ansfi3",
                "To: <sip:user@example.edu>;tag=902jndnke3",
                "Content-Length: 0"),
            m => ((SipResponse)m).ReasonPhrase.Length == 0 && ((SipResponse)m).StatusCode == 100);

        yield return ValidCase("3.2.1 missing transaction identifier: no branch is still a message",
            Head(
                "OPTIONS sip:user@example.com SIP/2.0",
                "To: sip:user@example.com",
                "From: sip:caller@example.org;tag=33242",
                "Max-Forwards: 3",
                "Via: SIP/2.0/UDP 192.0.2.1",
                "Call-ID: badbranch.sadonfo23i420jv0as0derf3j3n",
                "CSeq: 8 OPTIONS",
                "l: 0"),
            m => m.TopVia!.Branch is null);

        yield return ValidCase("3.3.3 Request-URI with a known but atypical scheme (tel)",
            Head(
                "OPTIONS tel:+1-972-555-2222 SIP/2.0",
                "Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bKkdjuw",
                "To: <tel:+1-972-555-2222>",
                "From: sip:caller@example.org;tag=33242",
                "Call-ID: atyp.230490823",
                "CSeq: 1 OPTIONS",
                "l: 0"),
            m => SipUri.TryParse(((SipRequest)m).RequestUri, out var uri) && uri.IsTel);

        yield return ValidCase("3.3.4 unknown Content-Type and unknown authorization scheme are kept verbatim",
            Head(
                "INVITE sip:j.user@example.com SIP/2.0",
                "From: <sip:caller@example.com>;tag=8392034",
                "Max-Forwards: 70",
                "To: <sip:j.user@example.com>",
                "Authorization: NoOneKnowsThisScheme opaque-data=here",
                "Call-ID: invut.0ha0isndaksdjadsfij34n23d",
                "CSeq: 235448 INVITE",
                "Via: SIP/2.0/UDP somehost.example.com;branch=z9hG4bKkdjuw",
                "Contact: <sip:caller@host5.example.net>",
                "Content-Type: application/unknownformat",
                "Content-Length: 5") + "<x/>\n",
            m => m.Headers[HeaderNames.Authorization] == "NoOneKnowsThisScheme opaque-data=here" && m.Body.Length == 5);

        yield return ValidCase("3.3.7 Max-Forwards of zero is a message (a proxy answers 483)",
            Head(
                "OPTIONS sip:user@example.com SIP/2.0",
                "To: sip:user@example.com",
                "From: sip:caller@example.org;tag=33242",
                "Max-Forwards: 0",
                "Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bKkdjuw",
                "Call-ID: zeromf.sadonfo23i420jv0as0derf3j3n",
                "CSeq: 8 OPTIONS",
                "l: 0"),
            m => m.Headers[HeaderNames.MaxForwards] == "0");

        yield return ValidCase("3.1.2.12 an invalid time zone in Date is kept verbatim, not refused",
            Head(
                "INVITE sip:user@example.com SIP/2.0",
                "To: sip:user@example.com",
                "From: sip:caller@example.net;tag=2234923",
                "Max-Forwards: 70",
                "Call-ID: baddate.239423mnsadf3j23lj42--sedfnm234",
                "CSeq: 1392934 INVITE",
                "Via: SIP/2.0/UDP host.example.com;branch=z9hG4bKkdjuw",
                "Date: Fri, 01 Jan 2010 16:00:00 EST",
                "Contact: <sip:caller@host5.example.net>",
                "Content-Length: 0"),
            m => m.Headers[HeaderNames.Date] == "Fri, 01 Jan 2010 16:00:00 EST");

        yield return ValidCase("3.4.1 RFC 2543 syntax: no branch, no Max-Forwards, unbracketed To",
            Head(
                "INVITE sip:UserB@example.com SIP/2.0",
                "Via: SIP/2.0/UDP iftgw.example.com",
                "From: <sip:+13035551111@ift.client.example.net;user=phone>",
                "Record-Route: <sip:UserB@example.com;maddr=ss1.example.com>",
                "To: sip:+16505552222@ss1.example.net;user=phone",
                "Call-ID: 1717@ift.client.example.com",
                "CSeq: 56 INVITE",
                "Content-Type: application/sdp",
                "Content-Length: " + Sdp.Length) + Sdp,
            m => m.TopVia!.Branch is null && m.Headers[HeaderNames.MaxForwards] is null);
    }

    public static IEnumerable<TestCaseData> Invalid()
    {
        const string Tail = "Via: SIP/2.0/UDP 192.0.2.15;branch=z9hG4bKkdjuw";
        yield return InvalidCase("3.1.2.1 extraneous header field separators", SipParseError.MalformedHeader, 400,
            "INVITE sip:user@example.com SIP/2.0",
            "To: sip:j.user@example.com",
            "From: sip:caller@example.net;tag=134161461246",
            "Max-Forwards: 7",
            "Call-ID: badinv01.0ha0isndaksdjasdf3234nas",
            "CSeq: 8 INVITE",
            "Via: SIP/2.0/UDP 192.0.2.15;;,;,,",
            "Contact: \"Joe\" <sip:joe@example.org>;;;;",
            "Content-Length: 0");
        yield return InvalidRawCase("3.1.2.2 Content-Length larger than the message", SipParseError.BodyShorterThanContentLength, 400,
            Head(Basic("INVITE", "Content-Length: 9999")) + "v=0\r\n");
        yield return InvalidCase("3.1.2.3 negative Content-Length", SipParseError.InvalidContentLength, 400,
            Basic("INVITE", "Content-Length: -999"));
        yield return InvalidCase("3.1.2.4 request scalar fields with overlarge values: CSeq", SipParseError.MalformedHeader, 400,
            Basic("REGISTER", "Content-Length: 0").Select(l => l.StartsWith("CSeq", StringComparison.Ordinal) ? "CSeq: 36893488147419103232 REGISTER" : l).ToArray());
        yield return InvalidCase("3.1.2.4 request scalar fields with overlarge values: Max-Forwards", SipParseError.MalformedHeader, 400,
            Basic("REGISTER", "Content-Length: 0").Select(l => l.StartsWith("Max-Forwards", StringComparison.Ordinal) ? "Max-Forwards: 300" : l).ToArray());
        yield return InvalidCase("3.1.2.4 request scalar fields with overlarge values: Via port", SipParseError.MalformedHeader, 400,
            Basic("REGISTER", "Content-Length: 0").Select(l => l.StartsWith("Via", StringComparison.Ordinal) ? "Via: SIP/2.0/UDP host1.example.com:80000;branch=z9hG4bK-324d" : l).ToArray());
        yield return InvalidCase("3.1.2.4 request scalar fields with overlarge values: Content-Length", SipParseError.InvalidContentLength, 400,
            Basic("REGISTER", "Content-Length: 18446744073709551617"));
        yield return InvalidCase("3.1.2.5 response scalar fields with overlarge values", SipParseError.MalformedHeader, 400,
            "SIP/2.0 503 Service Unavailable",
            "Via: SIP/2.0/TCP host129.example.com;branch=z9hG4bKzzxdiwo34sw;received=192.0.2.129",
            "To: <sip:user@example.com>",
            "From: <sip:other@example.net>;tag=2easdjfejw",
            "CSeq: 9292394834772304023312 OPTIONS",
            "Call-ID: scalar1.saksdj",
            "Retry-After: 949302838503028349304023988",
            "Warning: 1812 overture \"In Progress\"",
            "Content-Length: 0");
        yield return InvalidCase("3.1.2.19 overlarge response code", SipParseError.MalformedStartLine, 400,
            "SIP/2.0 4294967301 better not break the receiver",
            Tail, "Call-ID: bigcode.asdof3uj203asdnf3429uasdhfas3ehjasdfas9i", "CSeq: 353494 INVITE",
            "From: <sip:user@example.com>;tag=39ansfi3", "To: <sip:user@example.edu>;tag=902jndnke3", "Content-Length: 0");
        yield return InvalidCase("3.1.2.6 unterminated quoted string in display name", SipParseError.MalformedHeader, 400,
            "INVITE sip:user@example.com SIP/2.0",
            "To: sip:user@example.com",
            "From: \"Bob <sip:bob@example.com>;tag=37GkEhwl6",
            "Max-Forwards: 70", "Call-ID: quotbal.aksdj", "CSeq: 1 INVITE", Tail, "Content-Length: 0");
        yield return InvalidCase("3.1.2.7 <> enclosing the Request-URI", SipParseError.MalformedStartLine, 400,
            Basic("INVITE", "Content-Length: 0", "INVITE <sip:user@example.com> SIP/2.0"));
        yield return InvalidCase("3.1.2.8 malformed Request-URI with embedded LWS", SipParseError.MalformedStartLine, 400,
            Basic("INVITE", "Content-Length: 0", "INVITE sip:user@example.com; lr SIP/2.0"));
        yield return InvalidCase("3.1.2.9 multiple SP separating Request-Line elements", SipParseError.MalformedStartLine, 400,
            Basic("INVITE", "Content-Length: 0", "INVITE  sip:user@example.com  SIP/2.0"));
        yield return InvalidCase("3.1.2.10 SP at the end of the Request-Line", SipParseError.MalformedStartLine, 400,
            Basic("OPTIONS", "Content-Length: 0", "OPTIONS sip:remote-target@example.com SIP/2.0 "));
        yield return InvalidCase("3.1.2.11 escaped headers in the Request-URI", SipParseError.MalformedStartLine, 400,
            Basic("INVITE", "Content-Length: 0", "INVITE sip:user@example.com?Route=%3Csip:example.com%3E SIP/2.0"));
        yield return InvalidCase("3.1.2.13 failure to enclose a name-addr URI with headers in <>", SipParseError.MalformedHeader, 400,
            Basic("REGISTER", "Contact: sip:user@example.com?Route=%3Csip:sip.example.com%3E", "REGISTER sip:example.com SIP/2.0").Append("Content-Length: 0").ToArray());
        yield return InvalidCase("3.1.2.14 spaces within an addr-spec", SipParseError.MalformedHeader, 400,
            Basic("INVITE", "Content-Length: 0").Select(l => l.StartsWith("From", StringComparison.Ordinal) ? "From: sip:caller@example.net ; tag = 1928 ; Bob Smith" : l)
                .Select(l => l.StartsWith("To", StringComparison.Ordinal) ? "To: sip:user @ example.com" : l).ToArray());
        yield return InvalidCase("3.1.2.15 non-token characters in a display name", SipParseError.MalformedHeader, 400,
            Basic("OPTIONS", "Content-Length: 0").Select(l => l.StartsWith("From", StringComparison.Ordinal) ? "From: Bell, Alexander <sip:a.g.bell@example.com>;tag=43" : l).ToArray());
        yield return InvalidCase("3.1.2.16 unknown protocol version", SipParseError.UnsupportedVersion, 505,
            Basic("OPTIONS", "Content-Length: 0", "OPTIONS sip:t.watson@example.org SIP/7.0"));
        yield return InvalidCase("3.1.2.17 start line and CSeq method mismatch", SipParseError.CSeqMethodMismatch, 400,
            Basic("INVITE", "Content-Length: 0").Select(l => l.StartsWith("CSeq", StringComparison.Ordinal) ? "CSeq: 1 OPTIONS" : l).ToArray());
        yield return InvalidCase("3.1.2.18 unknown method with CSeq method mismatch", SipParseError.CSeqMethodMismatch, 400,
            Basic("NEWMETHOD", "Content-Length: 0").Select(l => l.StartsWith("CSeq", StringComparison.Ordinal) ? "CSeq: 1 INVITE" : l).ToArray());
        yield return InvalidCase("3.3.1 missing required header fields", SipParseError.MissingRequiredHeader, 400,
            "INVITE sip:user@example.com SIP/2.0", "CSeq: 193942 INVITE", Tail, "Content-Length: 0");
        yield return InvalidCase("3.3.2 Request-URI with an unknown scheme", SipParseError.UnsupportedUriScheme, 416,
            Basic("OPTIONS", "Content-Length: 0", "OPTIONS nobodyKnowsThisScheme:totallyopaquecontent SIP/2.0"));
        yield return InvalidCase("3.3.2 Request-URI with an unknown scheme (im:)", SipParseError.UnsupportedUriScheme, 416,
            Basic("MESSAGE", "Content-Length: 0", "MESSAGE im:user@example.com SIP/2.0"));
        yield return InvalidCase("3.3.5 multiple values in single-value required fields", SipParseError.DuplicateSingletonHeader, 400,
            Basic("INVITE", "Content-Length: 0").Append("Call-ID: a-second-call-id@example.com").ToArray());
        yield return InvalidCase("3.3.5 a second From", SipParseError.DuplicateSingletonHeader, 400,
            Basic("INVITE", "Content-Length: 0").Append("From: sip:other@example.net;tag=2").ToArray());
        yield return InvalidCase("3.3.6 multiple Content-Length values", SipParseError.InvalidContentLength, 400,
            Basic("INVITE", "Content-Length: 0").Append("Content-Length: 9").ToArray());
        yield return InvalidCase("3.3.8 200 OK with a broken Via", SipParseError.MalformedHeader, 400,
            "SIP/2.0 200 OK",
            "Via: SIP/2.0/UDP 192.0.2.198;;branch=z9hG4bK1324923",
            "Call-ID: bext01.0ha0isndaksdj",
            "CSeq: 8 INVITE", "From: sip:caller@example.net;tag=1", "To: sip:user@example.com;tag=2", "Content-Length: 0");
        yield return InvalidCase("3.3.9 unknown Proxy-Require extension", SipParseError.UnsupportedExtension, 420,
            Basic("OPTIONS", "Content-Length: 0").Append("Proxy-Require: noProxiesSupportThis, nor-this").ToArray());
        yield return InvalidCase("CTL characters in a header value", SipParseError.MalformedHeader, 400,
            Basic("OPTIONS", "Content-Length: 0").Append("Subject: bell\u0007here").ToArray());
        yield return InvalidCase("a CTL character unescaped inside a quoted string", SipParseError.MalformedHeader, 400,
            Basic("OPTIONS", "Content-Length: 0").Append("Subject: \"bell\u0007here\"").ToArray());
        yield return InvalidCase("an escaped CTL character outside a quoted string", SipParseError.MalformedHeader, 400,
            Basic("OPTIONS", "Content-Length: 0").Append("Subject: bell\\\u0007here").ToArray());
        yield return InvalidRawCase("an escaped bare LF inside a quoted string (a quoted-pair never holds CR or LF)", SipParseError.MalformedHeader, 400,
            Head(Basic("OPTIONS", "Content-Length: 0").Append("Subject: \"hi\\\nRoute: <sip:evil.example.com>\"").ToArray()));
        yield return InvalidRawCase("an escaped bare CR inside a quoted string", SipParseError.MalformedHeader, 400,
            Head(Basic("OPTIONS", "Content-Length: 0").Append("Subject: \"hi\\\rthere\"").ToArray()));
        yield return InvalidRawCase("a bare LF inside a header line (header injection)", SipParseError.MalformedHeader, 400,
            Head(Basic("OPTIONS", "Content-Length: 0").Append("Subject: hi\nRoute: <sip:evil.example.com>").ToArray()));
        yield return InvalidCase("a continuation line right after the start line", SipParseError.MalformedHeader, 400,
            new[] { "OPTIONS sip:user@example.com SIP/2.0", " folded" }.Concat(Basic("OPTIONS", "Content-Length: 0").Skip(1)).ToArray());
        yield return InvalidCase("a header line without colon", SipParseError.MalformedHeader, 400,
            Basic("OPTIONS", "Content-Length: 0").Append("NoColonHere").ToArray());
        yield return InvalidRawCase("a Request-URI longer than the limit", SipParseError.RequestUriTooLong, 414,
            Head(Basic("OPTIONS", "Content-Length: 0", "OPTIONS sip:" + new string('a', 5000) + "@example.com SIP/2.0")));
        yield return InvalidRawCase("a body larger than the element accepts", SipParseError.BodyTooLarge, 413,
            Head(Basic("MESSAGE", "Content-Length: 61000")) + new string('x', 61000));
        yield return InvalidRawCase("a message larger than the element accepts", SipParseError.MessageTooLarge, 513,
            Head(Basic("MESSAGE", "Content-Length: 0").Append("X-Padding: " + new string('p', 70_000)).ToArray()));
        yield return InvalidRawCase("an HTTP request", SipParseError.MalformedStartLine, 400, "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        yield return InvalidRawCase("an unterminated header block in a datagram", SipParseError.MalformedHeader, 400,
            "INVITE sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\n");
    }

    /// <summary>A well-formed request of a method with the given extra lines; the first line can be replaced.</summary>
    public static string[] Basic(string method, string lastLine, string? startLine = null) =>
    [
        startLine ?? $"{method} sip:user@example.com SIP/2.0",
        "Via: SIP/2.0/UDP 192.0.2.15;branch=z9hG4bKkdjuw",
        "To: sip:user@example.com",
        "From: sip:caller@example.net;tag=1928",
        "Max-Forwards: 70",
        "Call-ID: basic.0ha0isndaksdj@192.0.2.15",
        $"CSeq: 8 {method}",
        lastLine,
    ];

    public static string Head(params string[] lines) => string.Join("\r\n", lines) + "\r\n\r\n";

    private static string Pad(int length) => Sdp + new string('a', length - Sdp.Length - 1) + "\n";

    private static TestCaseData ValidCase(string name, string text, Func<SipMessage, bool> check) =>
        new TestCaseData(text, check).SetName($"Accepts RFC 4475 {name}");

    private static TestCaseData InvalidCase(string name, SipParseError error, int status, params string[] lines) =>
        InvalidRawCase(name, error, status, Head(lines));

    private static TestCaseData InvalidRawCase(string name, SipParseError error, int status, string text) =>
        new TestCaseData(text, error, status).SetName($"Rejects {(char.IsDigit(name[0]) ? "RFC 4475 " : string.Empty)}{name}");
}
