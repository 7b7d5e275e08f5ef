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
}
