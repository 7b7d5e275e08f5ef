using Microsoft.Extensions.Time.Testing;
using Sip.Transactions;

namespace Sip.Tests.Transactions;

/// <summary>
/// A transaction made for an <see cref="ITransactionUser"/> sends through it and tells it, in order, what the events
/// tell their subscribers: the responses its user must see, that it settled, and that it ended.
/// </summary>
public sealed class TransactionUserTests
{
    [Test]
    public void AClientNonInviteTransactionOverUdpTellsItsUserEachStepInOrder()
    {
        var time = new FakeTimeProvider();
        var user = new RecordingUser();
        var request = Wire.Request("BYE");
        using var transaction = new ClientNonInviteTransaction(request, user, reliable: false, time);
        var events = new List<string>();
        transaction.Settled += _ => events.Add("Settled event");

        transaction.Start();
        transaction.OnResponse(Wire.Response(request, 180));
        transaction.OnResponse(Wire.Response(request, 200));
        transaction.OnResponse(Wire.Response(request, 200));
        time.Advance(TimeSpan.FromSeconds(6));

        Assert.That(user.Steps, Is.EqualTo(new[] { "send BYE", "response 180", "response 200", "settled", "ended Completed" }), "a retransmitted 200 is absorbed; timer K (T4) ends it");
        Assert.That(events, Is.EqualTo(new[] { "Settled event" }), "the events are raised as well");
    }

    [Test]
    public void AServerInviteTransactionSendsItsAnswersThroughItsUser()
    {
        var time = new FakeTimeProvider();
        var user = new RecordingUser();
        using var transaction = new ServerInviteTransaction(Wire.Request("INVITE"), user, reliable: true, time);

        transaction.Start(sendTrying: true);
        transaction.Respond(SipResponse.For(Wire.Request("INVITE"), 486, toTag: "busy"));
        transaction.OnAck();

        Assert.That(user.Steps, Is.EqualTo(new[] { "send 100", "send 486", "ended Completed" }), "over TCP the ACK ends it at once, without settling first");
    }

    [Test]
    public void AUserThatTakesTheLingeringOverLeavesNoTimerArmed()
    {
        // A proxy keeps a settled transaction's key in a lean table and ends the transaction: timer I must not be
        // armed on the way only to be cancelled.
        var time = new FakeTimeProvider();
        var user = new HandingOffUser(TimerWheel.For(time));
        using var transaction = new ServerInviteTransaction(Wire.Request("INVITE"), user, reliable: false, time);

        transaction.Start(sendTrying: false);
        transaction.Respond(SipResponse.For(Wire.Request("INVITE"), 486, toTag: "busy"));
        var armedWhileCompleted = TimerWheel.For(time).Armed;
        transaction.OnAck();

        Assert.That(armedWhileCompleted, Is.EqualTo(1), "timers G and H share one shot while the 486 is not yet acknowledged");
        Assert.That(user.Steps, Is.EqualTo(new[] { "send 486", "settled with 0 armed", "ended Completed" }), "G and H cancelled by the ACK, and I never armed");
        Assert.That(TimerWheel.For(time).Armed, Is.Zero);
    }

    private sealed class HandingOffUser(TimerWheel wheel) : ITransactionUser
    {
        public List<string> Steps { get; } = [];

        public void Send(SipTransaction transaction, SipMessage message) => Steps.Add($"send {((SipResponse)message).StatusCode}");

        public void OnResponse(ClientTransaction transaction, SipResponse response) => Steps.Add($"response {response.StatusCode}");

        public void OnSettled(SipTransaction transaction)
        {
            Steps.Add($"settled with {wheel.Armed} armed");
            transaction.HandOff();
        }

        public void OnEnded(SipTransaction transaction, TransactionEnd end) => Steps.Add($"ended {end}");
    }

    private sealed class RecordingUser : ITransactionUser
    {
        public List<string> Steps { get; } = [];

        public void Send(SipTransaction transaction, SipMessage message) =>
            Steps.Add(message is SipRequest request ? $"send {request.Method}" : $"send {((SipResponse)message).StatusCode}");

        public void OnResponse(ClientTransaction transaction, SipResponse response) => Steps.Add($"response {response.StatusCode}");

        public void OnSettled(SipTransaction transaction) => Steps.Add("settled");

        public void OnEnded(SipTransaction transaction, TransactionEnd end) => Steps.Add($"ended {end}");
    }
}
