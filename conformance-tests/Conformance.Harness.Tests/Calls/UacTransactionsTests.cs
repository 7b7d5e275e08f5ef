using System.Net;
using Conformance.Harness.Calls;
using Sip;

namespace Conformance.Harness.Tests.Calls;

/// <summary>The suite's client transactions hand over every final answer, however early it comes.</summary>
public sealed class UacTransactionsTests
{
    [Test]
    public async Task AFinalAnswerThatArrivesBeforeAnyoneAwaitsItIsStillReturned()
    {
        // A peer that answers before Start returns: on a loaded machine the answer can be handled on the receiving
        // thread before the caller's next line subscribes to it. The answer must not be lost in that gap.
        var to = new IPEndPoint(IPAddress.Loopback, 5060);
        UacTransactions? transactions = null;
        transactions = new UacTransactions(TimeProvider.System, (message, _, _) =>
        {
            if (message is SipRequest request)
            {
                transactions!.OnResponse(SipResponse.For(request, 200));
            }

            return ValueTask.CompletedTask;
        });
        using var owned = transactions;

        var transaction = transactions.Start(Options(), to);
        var final = await transactions.FinalResponseAsync(transaction, TimeSpan.FromSeconds(2));

        Assert.That(final?.StatusCode, Is.EqualTo(200), "the 200 that came back while Start was still sending");
    }

    [Test]
    public async Task ATransactionNobodyAnswersEndsInNullAfterTheWait()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        using var transactions = new UacTransactions(time, (_, _, _) => ValueTask.CompletedTask);

        var transaction = transactions.Start(Options(), new IPEndPoint(IPAddress.Loopback, 5060));
        var waiting = transactions.FinalResponseAsync(transaction, TimeSpan.FromSeconds(1));
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.That(await waiting.WaitAsync(TimeSpan.FromSeconds(10)), Is.Null);
    }

    [Test]
    public async Task AHeldAckOfARejectionGoesOutOnlyWhenReleasedAndLaterOnesAtOnce()
    {
        var sent = new List<string>();
        using var transactions = new UacTransactions(TimeProvider.System, (message, _, _) =>
        {
            lock (sent)
            {
                sent.Add(message is SipRequest request ? request.Method : "response");
            }

            return ValueTask.CompletedTask;
        });
        var invite = Invite();
        var transaction = transactions.Start(invite, new IPEndPoint(IPAddress.Loopback, 5060), holdAck: true);
        var rejection = SipResponse.For(invite, 603);
        rejection.Headers.Set(HeaderNames.To, rejection.Headers[HeaderNames.To] + ";tag=sut");

        transactions.OnResponse(rejection);
        transactions.OnResponse(rejection);
        Assert.That(sent, Is.EqualTo(new[] { "INVITE" }), "no ACK while held, however often the rejection comes");

        Assert.That(await transactions.ReleaseAckAsync(transaction), Is.True);
        transactions.OnResponse(rejection);
        Assert.That(sent, Is.EqualTo(new[] { "INVITE", "ACK", "ACK" }), "the held ACK on release, then one for each repeated rejection");
    }

    [Test]
    public void ARejectionIsAcknowledgedAtOnceWhenNothingIsHeld()
    {
        var sent = new List<string>();
        using var transactions = new UacTransactions(TimeProvider.System, (message, _, _) =>
        {
            sent.Add(message is SipRequest request ? request.Method : "response");
            return ValueTask.CompletedTask;
        });
        var invite = Invite();
        transactions.Start(invite, new IPEndPoint(IPAddress.Loopback, 5060));
        var rejection = SipResponse.For(invite, 603);
        rejection.Headers.Set(HeaderNames.To, rejection.Headers[HeaderNames.To] + ";tag=sut");

        transactions.OnResponse(rejection);

        Assert.That(sent, Is.EqualTo(new[] { "INVITE", "ACK" }));
    }

    private static SipRequest Invite() => Request("INVITE");

    private static SipRequest Options() => Request("OPTIONS");

    private static SipRequest Request(string method)
    {
        var request = new SipRequest { Method = method, RequestUri = "sip:127.0.0.1:5060" };
        request.Headers.Add(HeaderNames.Via, $"SIP/2.0/UDP 127.0.0.1:5070;branch={Tags.NewBranch()}");
        request.Headers.Add(HeaderNames.MaxForwards, "70");
        request.Headers.Add(HeaderNames.From, $"<sip:conformance@127.0.0.1>;tag={Tags.New()}");
        request.Headers.Add(HeaderNames.To, "<sip:127.0.0.1:5060>");
        request.Headers.Add(HeaderNames.CallId, Tags.NewCallId() + "@conformance");
        request.Headers.Add(HeaderNames.CSeq, "1 " + method);
        return request;
    }
}
