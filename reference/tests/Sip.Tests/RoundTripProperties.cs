using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace Sip.Tests;

/// <summary>Serialize then parse is the identity, for generated requests and responses (datagram and stream mode).</summary>
public sealed class RoundTripProperties
{
    private const string TokenChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.!%*_+`'~";

    // Printable ASCII, separators and UTF-8 (Chinese, Cyrillic) that header values may hold; no CTLs.
    private const string ValueChars = "abcXYZ019 ;,=<>@:\"\\/?[]{}()!#$%&*+-.^_`|~'中文骚扰电话работ";

    private static readonly Gen<string> Token =
        Gen.Choose(1, 12).SelectMany(n => Gen.ArrayOf(Gen.Elements(TokenChars.ToCharArray()), n)).Select(c => new string(c));

    private static readonly Gen<string> Value =
        Gen.Choose(1, 40).SelectMany(n => Gen.ArrayOf(Gen.Elements(ValueChars.ToCharArray()), n))
            .Select(c => new string(c).Trim())
            .Where(v => v.Length > 0);

    private static readonly Gen<(string Name, string Value)> ExtensionHeader =
        from name in Token
        from value in Value
        select ("X-" + name, value);

    private static readonly Gen<byte[]> Body = Gen.Choose(0, 300).SelectMany(n => Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), n));

    private static readonly Gen<SipMessage> Message =
        from isRequest in Gen.Elements(true, false)
        from method in Gen.OneOf(Gen.Elements("INVITE", "ACK", "BYE", "CANCEL", "OPTIONS"), Token)
        from user in Token
        from code in Gen.Choose(100, 699)
        from reason in Value
        from branch in Token
        from tag in Token
        from callId in Token
        from sequence in Gen.Choose(0, int.MaxValue)
        from extras in Gen.Choose(0, 8).SelectMany(n => Gen.ArrayOf(ExtensionHeader, n))
        from body in Body
        select Build(isRequest, method, user, code, reason, branch, tag, callId, (uint)sequence, extras, body);

    [Test]
    public void SerializingThenParsingADatagramIsTheIdentity() =>
        Prop.ForAll(Message.ToArbitrary(), message => RoundTrips(message, datagram: true))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(500));

    [Test]
    public void SerializingThenParsingAStreamIsTheIdentity() =>
        Prop.ForAll(Message.ToArbitrary(), message => RoundTrips(message, datagram: false))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(500));

    private static bool RoundTrips(SipMessage original, bool datagram)
    {
        var bytes = original.ToBytes();
        var result = new SipParser().Parse(bytes, datagram);
        if (result.Status != SipParseStatus.Complete || result.Consumed != bytes.Length)
        {
            throw new AssertionException($"{result.Status} {result.Error}: {result.Detail}\n{Encoding.UTF8.GetString(bytes)}");
        }

        var parsed = result.Message!;
        var sameStart = (original, parsed) switch
        {
            (SipRequest a, SipRequest b) => a.Method == b.Method && a.RequestUri == b.RequestUri,
            (SipResponse a, SipResponse b) => a.StatusCode == b.StatusCode && a.ReasonPhrase == b.ReasonPhrase,
            _ => false,
        };
        var expectedHeaders = original.Headers.Append(new SipHeader(HeaderNames.ContentLength, original.Body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return sameStart &&
               parsed.Headers.SequenceEqual(expectedHeaders) &&
               parsed.Body.Span.SequenceEqual(original.Body.Span) &&
               parsed.ToBytes().AsSpan().SequenceEqual(bytes);
    }

    private static SipMessage Build(bool isRequest, string method, string user, int code, string reason, string branch, string tag,
        string callId, uint sequence, (string Name, string Value)[] extras, byte[] body)
    {
        SipMessage message = isRequest
            ? new SipRequest { Method = method, RequestUri = $"sip:{user}@192.0.2.1:5060;user=phone" }
            : new SipResponse { StatusCode = code, ReasonPhrase = reason };
        message.Headers.Add(HeaderNames.Via, $"SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK{branch};rport");
        message.Headers.Add(HeaderNames.From, $"\"{user}\" <sip:{user}@example.com>;tag={tag}");
        message.Headers.Add(HeaderNames.To, $"<sip:{user}@example.net>");
        message.Headers.Add(HeaderNames.CallId, callId + "@example.com");
        message.Headers.Add(HeaderNames.CSeq, $"{sequence} {(isRequest ? method : "INVITE")}");
        foreach (var (name, value) in extras)
        {
            message.Headers.Add(name, value);
        }

        message.Body = body;
        return message;
    }
}
