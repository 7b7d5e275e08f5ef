using Reference.CallerAuthentication;
using Reference.Origin;
using Screening;
using Sip;
using Stir;

namespace Reference.Tests;

/// <summary>The node's STIR/SHAKEN wiring and the origin warning, without sockets.</summary>
public sealed class StirAndOriginTests
{
    [TestCase("13812345678", "8613812345678")]
    [TestCase("+8613812345678", "8613812345678")]
    [TestCase("008613812345678", "8613812345678")]
    [TestCase("01062345678", "861062345678")]
    [TestCase("+14155550123", "14155550123")]
    [TestCase("0014155550123", "14155550123")]
    public void Numbers_are_signed_as_e164_digits(string presented, string expected) =>
        Assert.That(TelephoneNumbers.Canonical(presented), Is.EqualTo(expected));

    [TestCase("+14155550123", "US")]
    [TestCase("0014155550123", "US")]
    [TestCase("+442079460958", "GB")]
    [TestCase("+85221234567", "HK")]
    [TestCase("+14165550123", "US", TestName = "A Toronto number names its country code's region")]
    [TestCase("+4915123456789", "DE")]
    [TestCase("+9647712345678", "IQ")]
    [TestCase("00 44 20 7946 0958", "GB")]
    [TestCase("+80012345678", "ZZ", TestName = "A non-geographic code names no region")]
    [TestCase("+999123456", "ZZ", TestName = "An unassigned code names no region")]
    [TestCase("+1", "ZZ")]
    [TestCase("+0014155550123", "ZZ", TestName = "A country code never starts with 0")]
    [TestCase("+123456789012345678901234", "ZZ")]
    [TestCase("+", "ZZ")]
    [TestCase("garbage", "ZZ")]
    [TestCase("", "ZZ")]
    public void The_region_of_a_number_from_abroad_is_named_and_bad_input_is_ZZ(string number, string region) =>
        Assert.That(AbroadOriginHeader.RegionOf(number), Is.EqualTo(region));

    [Test]
    public void Verstat_goes_into_the_user_part_of_a_sip_uri_and_keeps_the_display_name()
    {
        var invite = Invite();
        invite.Headers.Add(HeaderNames.PAssertedIdentity, "\"诈骗电话\" <sip:13812345678@10.0.0.1;user=phone>");

        Verstat.Mark(invite, Verstat.Passed);

        Assert.That(invite.Headers[HeaderNames.PAssertedIdentity], Is.EqualTo("\"诈骗电话\" <sip:13812345678;verstat=TN-Validation-Passed@10.0.0.1;user=phone>"));
    }

    [Test]
    public void Verstat_is_replaced_not_repeated_and_added_from_from_when_there_is_no_pai()
    {
        var invite = Invite();

        Verstat.Mark(invite, Verstat.NotValidated);
        Verstat.Mark(invite, Verstat.Failed);

        Assert.That(invite.Headers[HeaderNames.PAssertedIdentity], Is.EqualTo("<sip:13812345678;verstat=TN-Validation-Failed@127.0.0.1;user=phone>"));
    }

    [Test]
    public void Verstat_on_a_tel_uri_is_a_parameter()
    {
        var invite = Invite();
        invite.Headers.Add(HeaderNames.PAssertedIdentity, "<tel:+8613812345678>");

        Verstat.Mark(invite, Verstat.Passed);

        Assert.That(invite.Headers[HeaderNames.PAssertedIdentity], Is.EqualTo("<tel:+8613812345678;verstat=TN-Validation-Passed>"));
    }

    [TestCase("<sip:13812345678@10.0.0.1;user=phone>, <tel:+8613812345678>", TestName = "Verstat keeps a second identity listed in the same field")]
    [TestCase("<sip:13812345678@10.0.0.1;user=phone>\r\nP-Asserted-Identity: <tel:+8613812345678>", TestName = "Verstat keeps a second identity in a field of its own")]
    public void Verstat_marks_the_first_identity_and_keeps_the_second(string identities)
    {
        // RFC 3325 §9.1: a sip and a tel identity may both be asserted; marking one must not drop the other.
        var invite = Parsed(identities);

        Verstat.Mark(invite, Verstat.Passed);

        Assert.That(invite.Headers.All(HeaderNames.PAssertedIdentity), Is.EqualTo(new[]
        {
            "<sip:13812345678;verstat=TN-Validation-Passed@10.0.0.1;user=phone>",
            "<tel:+8613812345678>",
        }));
    }

    [Test]
    public void A_label_names_the_first_identity_and_keeps_the_second()
    {
        var clock = TimeProvider.System;
        var book = new Labelling.LabelBook(Labelling.LabelParameters.Defaults);
        book.Flag("13812345678", Labelling.LabelCategory.Fraud, clock.GetUtcNow());
        var invite = Parsed("<sip:13812345678@10.0.0.1;user=phone>, <tel:+8613812345678>");

        new Reference.LabelService.LabelHeaders(book, clock).Decorate(Call("198.51.100.1:5060"), invite);

        Assert.That(invite.Headers.All(HeaderNames.PAssertedIdentity), Has.Exactly(1).EqualTo("<tel:+8613812345678>"));
        Assert.That(invite.Headers.FirstValue(HeaderNames.PAssertedIdentity), Does.StartWith("\"").And.EndWith("<sip:13812345678@10.0.0.1;user=phone>"));
    }

    [Test]
    public void A_signing_peer_without_identity_is_refused_428_and_others_are_marked()
    {
        using var signer = SigningCredential.CreateSelfSigned("https://cert.example/c.pem", "carrier", TimeSpan.FromDays(1));
        var repository = new CertificateRepository();
        repository.Add(signer.X5u, signer.CertificatePem);
        var peers = new SigningPeers();
        peers.Add(System.Net.IPEndPoint.Parse("127.0.0.1:5080"));
        var gate = new IdentityVerification(new PassportVerifier(repository, new VerifierOptions()), peers, TimeProvider.System);

        var refused = gate.Check(Call("127.0.0.1:5080"), Invite());
        var other = Invite();
        var admitted = gate.Check(Call("127.0.0.1:5081"), other);

        Assert.That(refused?.Response.StatusCode, Is.EqualTo(428));
        Assert.That(refused?.Decision.RuleId, Is.EqualTo(IdentityVerification.RuleId));
        Assert.That(admitted, Is.Null);
        Assert.That(other.Headers[HeaderNames.PAssertedIdentity], Does.Contain("verstat=No-TN-Validation"));
    }

    [Test]
    public void Origin_ids_are_uuids_stable_per_entry_point()
    {
        var first = OriginIds.For("trunk:a");
        var again = OriginIds.For("trunk:a");

        Assert.That(Guid.TryParse(first, out _), Is.True);
        Assert.That(again, Is.EqualTo(first));
        Assert.That(OriginIds.For("trunk:a"), Is.Not.EqualTo(OriginIds.For("trunk:b")));
    }

    private static CallAttempt Call(string source) =>
        new(Realm.Interconnect, "13812345678", null, "13987654321", source, "call-1", DateTimeOffset.UtcNow);

    /// <summary>An INVITE as read from the wire, its P-Asserted-Identity still in wire bytes.</summary>
    private static SipRequest Parsed(string identities)
    {
        var text = "INVITE sip:13987654321@127.0.0.1;user=phone SIP/2.0\r\n" +
            "Via: SIP/2.0/UDP 127.0.0.1:5080;branch=z9hG4bK1\r\n" +
            "From: <sip:13812345678@127.0.0.1;user=phone>;tag=1\r\n" +
            "To: <sip:13987654321@127.0.0.1;user=phone>\r\n" +
            "Call-ID: call-1\r\n" +
            "CSeq: 1 INVITE\r\n" +
            "Max-Forwards: 70\r\n" +
            $"P-Asserted-Identity: {identities}\r\n" +
            "Content-Length: 0\r\n\r\n";
        var result = new SipParser().Parse(System.Text.Encoding.UTF8.GetBytes(text), datagram: true);
        Assert.That(result.Status, Is.EqualTo(SipParseStatus.Complete), result.Detail);
        return (SipRequest)result.Message!;
    }

    private static SipRequest Invite()
    {
        var invite = new SipRequest { Method = "INVITE", RequestUri = "sip:13987654321@127.0.0.1;user=phone" };
        invite.Headers.Add(HeaderNames.Via, "SIP/2.0/UDP 127.0.0.1:5080;branch=z9hG4bK1");
        invite.Headers.Add(HeaderNames.From, "<sip:13812345678@127.0.0.1;user=phone>;tag=1");
        invite.Headers.Add(HeaderNames.To, "<sip:13987654321@127.0.0.1;user=phone>");
        invite.Headers.Add(HeaderNames.CallId, "call-1");
        invite.Headers.Add(HeaderNames.CSeq, "1 INVITE");
        return invite;
    }
}
