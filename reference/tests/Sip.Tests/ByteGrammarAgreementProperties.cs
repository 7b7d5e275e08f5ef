using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace Sip.Tests;

/// <summary>
/// The parser checks ASCII Via, From, Contact values and Request-URIs on their bytes; ViaHeader, NameAddress and
/// SipUri read the same texts as characters. Generated values, heavy in the grammar's delimiters, must be accepted
/// by both or by neither. A responder's lexical lookup of a header parameter (is there a To tag?) must agree with the
/// parsed value wherever NameAddress reads one.
/// </summary>
public sealed class ByteGrammarAgreementProperties
{
    // The delimiters and classes the grammar turns on, plus ordinary host and user characters.
    private const string Alphabet = "sipSIPtelUDP/2.0 \t;;==<<>>\"\"\\,,::@@??[]aZ09.-_~%*'!+`x";

    private static readonly Gen<string> Fragment =
        Gen.Elements("SIP/2.0/UDP ", "sip:", "sips:", "tel:+86", "<sip:a@b>", "\"d\" ", "host:5060", ";branch=z9hG4bK1", ";tag=1",
            ";lr", "[2001:db8::1]", "@example.com", "?h=v", ", ", ":99999", "user:pw@");

    private static readonly Gen<string> Value =
        Gen.Choose(1, 6).SelectMany(n => Gen.ArrayOf(
            Gen.OneOf(Fragment, Gen.Choose(1, 4).SelectMany(k => Gen.ArrayOf(Gen.Elements(Alphabet.ToCharArray()), k)).Select(c => new string(c))), n))
            .Select(parts => string.Concat(parts).Trim(' ', '\t'))
            .Where(v => v.Length > 0);

    private readonly SipParser _parser = new();

    [Test]
    public void ViaIsAcceptedExactlyWhenViaHeaderReadsEveryValue() =>
        Prop.ForAll(Value.ToArbitrary(), via =>
                Accepted(via: via) == HeaderValueSplitter.SplitCommas(via).TrueForAll(part => ViaHeader.TryParse(part, out _)))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(2_000));

    [Test]
    public void FromIsAcceptedExactlyWhenNameAddressReadsIt() =>
        Prop.ForAll(Value.ToArbitrary(), from => Accepted(from: from) == NameAddress.TryParse(from, out _))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(2_000));

    [Test]
    public void ContactIsAcceptedExactlyWhenNameAddressReadsEveryValue() =>
        Prop.ForAll(Value.ToArbitrary(), contact =>
                Accepted(contact: contact) == (contact == "*" || HeaderValueSplitter.SplitCommas(contact).TrueForAll(part => NameAddress.TryParse(part, out _))))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(2_000));

    [Test]
    public void AHeaderParameterIsFoundInTheTextExactlyWhenTheParsedValueHasIt() =>
        Prop.ForAll(Value.ToArbitrary(), value =>
                !NameAddress.TryParse(value, out var parsed) || NameAddress.HasParameter(value, "tag") == parsed.Parameters.Contains("tag"))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(2_000));

    [Test]
    public void ARequestUriIsAcceptedExactlyWhenSipUriReadsItWithoutHeaders() =>
        Prop.ForAll(Value.Where(v => !v.Contains(' ', StringComparison.Ordinal) && !v.Contains('\t', StringComparison.Ordinal)).ToArbitrary(), uri =>
                Accepted(requestUri: uri) == (SipUri.TryParse(uri, out var parsed) && (parsed.IsTel || parsed.Headers is null)))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(2_000));

    private bool Accepted(
        string requestUri = "sip:callee@example.com",
        string via = "SIP/2.0/UDP 203.0.113.25:5060;branch=z9hG4bK-agree",
        string from = "<sip:caller@example.com>;tag=1",
        string contact = "<sip:caller@203.0.113.25>")
    {
        var text =
            $"INVITE {requestUri} SIP/2.0\r\n" +
            $"Via: {via}\r\n" +
            "Max-Forwards: 70\r\n" +
            $"From: {from}\r\n" +
            "To: <sip:callee@example.com>\r\n" +
            "Call-ID: agree-1@example.com\r\n" +
            "CSeq: 1 INVITE\r\n" +
            $"Contact: {contact}\r\n" +
            "Content-Length: 0\r\n\r\n";
        var result = _parser.Parse(Encoding.ASCII.GetBytes(text), datagram: true);
        result.Message?.Release();
        return result.Status == SipParseStatus.Complete;
    }
}
