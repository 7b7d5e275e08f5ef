using Sip.Transactions;

namespace Sip.Tests.Transactions;

/// <summary>RFC 3261 §17.2.3 and §17.1.3 matching, the CANCEL-to-INVITE match and the RFC 2543 fallback.</summary>
public sealed class TransactionKeyTests
{
    [Test]
    public void AnInviteItsRetransmissionAndItsNon2xxAckShareAKey()
    {
        var invite = Wire.Request("INVITE");
        var ack = Wire.Request("ACK");

        Assert.That(TransactionKey.ForRequest(ack), Is.EqualTo(TransactionKey.ForRequest(invite)));
        Assert.That(TransactionKey.ForRequest(Wire.Request("INVITE")), Is.EqualTo(TransactionKey.ForRequest(invite)));
    }

    [Test]
    public void ACancelIsItsOwnTransactionButPointsAtItsInvite()
    {
        var invite = Wire.Request("INVITE");
        var cancel = Wire.Request("CANCEL");

        Assert.That(TransactionKey.ForRequest(cancel), Is.Not.EqualTo(TransactionKey.ForRequest(invite)));
        Assert.That(TransactionKey.InviteOf(cancel), Is.EqualTo(TransactionKey.ForRequest(invite)));
    }

    private static string SentBy(string via)
    {
        var request = Wire.Request("OPTIONS");
        request.Headers.Set(HeaderNames.Via, via);
        return TransactionKey.ForRequest(request)!.Value.SentBy;
    }

    [Test]
    public void TheSentByIsTheTopViasHostInLowerCaseAndItsPortWhicheverCameBefore()
    {
        var sentBy = new[]
        {
            SentBy("SIP/2.0/UDP A.example.com:5060;branch=z9hG4bK1"),
            SentBy("SIP/2.0/UDP a.example.com:5060;branch=z9hG4bK2"),
            SentBy("SIP/2.0/UDP a.example.com:5070;branch=z9hG4bK3"),
            SentBy("SIP/2.0/UDP a.example.com;branch=z9hG4bK4"),
            SentBy("SIP/2.0/UDP b.example.com:5060;branch=z9hG4bK5"),
            SentBy("SIP/2.0/UDP A.example.com:5060;branch=z9hG4bK6"),
        };

        Assert.That(sentBy, Is.EqualTo(new[]
        {
            "a.example.com:5060", "a.example.com:5060", "a.example.com:5070", "a.example.com", "b.example.com:5060", "a.example.com:5060",
        }));
    }

    [Test]
    public void TwoSentBysInTurnKeepTheirStrings()
    {
        var trunk = SentBy("SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK1");
        var ours = SentBy("SIP/2.0/UDP 192.0.2.1:5064;branch=z9hG4bK2");

        Assert.Multiple(() =>
        {
            Assert.That(SentBy("SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK3"), Is.SameAs(trunk));
            Assert.That(SentBy("SIP/2.0/UDP 192.0.2.1:5064;branch=z9hG4bK4"), Is.SameAs(ours));
            Assert.That(SentBy("SIP/2.0/UDP 192.0.2.10:5061;branch=z9hG4bK5"), Is.EqualTo("192.0.2.10:5061"), "another port is another sent-by");
        });
    }

    [Test]
    public void ADifferentBranchIsADifferentTransaction() =>
        Assert.That(TransactionKey.ForRequest(Wire.Request("INVITE", "z9hG4bKother")), Is.Not.EqualTo(TransactionKey.ForRequest(Wire.Request("INVITE"))));

    [Test]
    public void AResponseMatchesTheClientTransactionOfItsRequest()
    {
        var invite = Wire.Request("INVITE");

        Assert.That(TransactionKey.ForResponse(Wire.Response(invite, 180)), Is.EqualTo(TransactionKey.ForRequest(invite)));
    }

    [Test]
    public void WithoutTheMagicCookieTheRfc2543FieldsIdentifyTheTransaction()
    {
        var invite = Wire.Request("INVITE", "legacy1");
        var ack = Wire.Request("ACK", "legacy1");
        var other = Wire.Request("INVITE", "legacy1");
        other.Headers.Set(HeaderNames.CSeq, "314160 INVITE");

        Assert.That(TransactionKey.ForRequest(ack), Is.EqualTo(TransactionKey.ForRequest(invite)));
        Assert.That(TransactionKey.ForRequest(other), Is.Not.EqualTo(TransactionKey.ForRequest(invite)));
    }

    [Test]
    public void KeysMadeFromEqualTextAreEqualWhicheverStringsHoldIt()
    {
        // The hash is made with the key: two keys read from two messages must still meet in a table.
        var key = new TransactionKey("z9hG4bK-eq", "192.0.2.10:5060", "INVITE");
        var copy = new TransactionKey(new string("z9hG4bK-eq".AsSpan()), new string("192.0.2.10:5060".AsSpan()), new string("INVITE".AsSpan()));
        var table = new Dictionary<TransactionKey, int> { [key] = 1 };

        Assert.Multiple(() =>
        {
            Assert.That(copy, Is.EqualTo(key));
            Assert.That(copy == key, Is.True);
            Assert.That(table.ContainsKey(copy), Is.True);
            Assert.That(new TransactionKey("z9hG4bK-eq", "192.0.2.10:5061", "INVITE"), Is.Not.EqualTo(key), "another sent-by");
            Assert.That(new TransactionKey("z9hG4bK-eq", "192.0.2.10:5060", "BYE"), Is.Not.EqualTo(key), "another method");
            Assert.That(new TransactionKey("z9hG4bK-eQ", "192.0.2.10:5060", "INVITE"), Is.Not.EqualTo(key), "a branch compares as written");
        });
    }
}
