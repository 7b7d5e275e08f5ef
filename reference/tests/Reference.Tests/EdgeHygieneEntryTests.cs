using Reference.Signalling;
using Screening;
using Sip;

namespace Reference.Tests;

/// <summary>Which Call-Info values count as a caller's own label, by RFC 3261 §20.9's grammar rather than by substring.</summary>
public sealed class EdgeHygieneEntryTests
{
    private static readonly EdgeHygiene Hygiene = new(new HashSet<Realm> { Realm.Interconnect });

    [TestCase("<urn:label:delivery>;purpose=label", ExpectedResult = true)]
    [TestCase("<urn:label:delivery> ; PURPOSE = \"Label\" ;category=delivery", ExpectedResult = true)]
    [TestCase("<https://caller.example.com/card;purpose=label>;purpose=info", ExpectedResult = false)]
    [TestCase("<urn:label:delivery>;purpose=labels", ExpectedResult = false)]
    [TestCase("<urn:origin:US>;purpose=origin;region=US", ExpectedResult = false)]
    public bool AnEntryIsALabelOnlyByItsPurposeParameter(string entry)
    {
        var invite = Invite();
        invite.Headers.Add(HeaderNames.CallInfo, entry);

        return Hygiene.Clean(invite, Realm.Access) == 1;
    }

    [Test]
    public void OnlyTheLabelEntriesOfAFieldGoAndTheRestKeepTheirOrder()
    {
        var invite = Invite();
        invite.Headers.Add(HeaderNames.CallInfo, "<https://a.example/1>;purpose=info, <urn:label:delivery>;purpose=label");
        invite.Headers.Add(HeaderNames.CallInfo, "<https://a.example/2>;purpose=icon");
        invite.Headers.Add(HeaderNames.PAssertedIdentity, "\"顺丰快递\" <sip:+14155550188@192.0.2.1;user=phone>");

        var removed = Hygiene.Clean(invite, Realm.International);

        Assert.Multiple(() =>
        {
            Assert.That(removed, Is.EqualTo(2));
            Assert.That(invite.Headers.All(HeaderNames.CallInfo), Is.EqualTo(new[] { "<https://a.example/1>;purpose=info", "<https://a.example/2>;purpose=icon" }));
            Assert.That(invite.Headers.Contains(HeaderNames.PAssertedIdentity), Is.False);
        });
    }

    [Test]
    public void ATrustedRealmAndTheMutantLeaveEverything()
    {
        var trusted = Invite();
        trusted.Headers.Add(HeaderNames.CallInfo, "<urn:label:delivery>;purpose=label");
        var mutant = Invite();
        mutant.Headers.Add(HeaderNames.CallInfo, "<urn:label:delivery>;purpose=label");

        Assert.Multiple(() =>
        {
            Assert.That(Hygiene.Clean(trusted, Realm.Interconnect), Is.Zero);
            Assert.That(new EdgeHygiene(new HashSet<Realm>(), enabled: false).Clean(mutant, Realm.Access), Is.Zero);
            Assert.That(mutant.Headers.Contains(HeaderNames.CallInfo), Is.True);
        });
    }

    private static SipRequest Invite()
    {
        var invite = new SipRequest { Method = "INVITE", RequestUri = "sip:13812345678@192.0.2.9;user=phone" };
        invite.Headers.Add(HeaderNames.Via, "SIP/2.0/UDP 192.0.2.1;branch=z9hG4bKedge");
        invite.Headers.Add(HeaderNames.From, "<sip:+14155550123@192.0.2.1;user=phone>;tag=1");
        invite.Headers.Add(HeaderNames.To, "<sip:13812345678@192.0.2.9;user=phone>");
        invite.Headers.Add(HeaderNames.CallId, "edge@192.0.2.1");
        invite.Headers.Add(HeaderNames.CSeq, "1 INVITE");
        return invite;
    }
}
