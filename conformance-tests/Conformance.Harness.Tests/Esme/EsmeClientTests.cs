using System.Net.Sockets;
using Conformance.Harness.ShortMessages;
using Smpp.Esme;
using Smpp.Pdus;
using Smpp.Text;

namespace Conformance.Harness.Tests.Esme;

public class EsmeClientTests
{
    [Test]
    public async Task A_flash_sms_reaches_the_smsc_as_ucs2_class_0_and_is_accepted()
    {
        await using var bed = new EsmeTestBed();
        bed.Client.Start();

        var result = await bed.Complete(bed.Client.SubmitAsync(EsmeTestBed.Flash("13800138000")));

        Assert.That(result.Outcome, Is.EqualTo(SubmissionOutcome.Accepted), result.Reason);
        Assert.That(result.Attempts, Is.EqualTo(1));
        Assert.That(result.MessageIds, Has.Count.EqualTo(1).And.All.Not.Empty);
        var received = await bed.Smsc.WaitForMessageAsync("13800138000", TimeSpan.FromSeconds(5));
        Assert.That(received, Is.Not.Null);
        Assert.That(received!.DataCoding, Is.EqualTo(0x18));
        Assert.That(received.Text, Is.EqualTo(EsmeTestBed.Flash("x").Text));
        Assert.That(received.SystemId, Is.EqualTo("warner"));
        Assert.That(bed.Client.Undeliverable, Is.Empty);
    }

    [Test]
    public async Task A_long_notice_goes_out_in_segments_the_smsc_joins_again()
    {
        await using var bed = new EsmeTestBed();
        bed.Client.Start();
        var text = "【安全提示】" + string.Concat(Enumerable.Repeat("已为您拦截一次来自境外的冒用号码来电。", 8));

        var result = await bed.Complete(bed.Client.SubmitAsync(new OutboundMessage("12321", "13900139000", text, DataCodings.Ucs2)));

        Assert.That(result.Outcome, Is.EqualTo(SubmissionOutcome.Accepted), result.Reason);
        Assert.That(result.Segments, Is.EqualTo(3));
        var received = await bed.Smsc.WaitForMessageAsync("13900139000", TimeSpan.FromSeconds(5));
        Assert.That(received!.Text, Is.EqualTo(text));
        Assert.That(received.Segments, Is.EqualTo(3));
        Assert.That(bed.Smsc.Submissions.All(s => s.Pdu.HasUserDataHeader), Is.True);
    }

    [Test]
    public async Task No_more_than_the_window_is_outstanding_and_unanswered_requests_are_resent_on_a_new_link()
    {
        await using var bed = new EsmeTestBed(new EsmeOptions { SystemId = "warner", Password = "secret", WindowSize = 3, ResponseTimeout = TimeSpan.FromSeconds(5) });
        bed.Smsc.DefaultAnswer = SmscAnswer.Silence;
        bed.Client.Start();

        var submissions = Enumerable.Range(0, 5).Select(i => bed.Client.SubmitAsync(EsmeTestBed.Flash($"1380000000{i}"))).ToList();
        Assert.That(await Eventually.Until(() => bed.Smsc.Submissions.Count == 3), Is.True);
        await Task.Delay(300);
        Assert.That(bed.Smsc.Submissions, Has.Count.EqualTo(3), "two messages wait for room in the window");

        bed.Smsc.DefaultAnswer = SmscAnswer.Accept;
        var results = new List<SubmissionResult>();
        foreach (var submission in submissions)
        {
            results.Add(await bed.Complete(submission, TimeSpan.FromMilliseconds(500)));
        }

        Assert.That(results.Select(r => r.Outcome), Is.All.EqualTo(SubmissionOutcome.Accepted));
        Assert.That(results.Count(r => r.Attempts == 2), Is.EqualTo(3), "the three left unanswered were sent again");
        Assert.That(bed.Smsc.Binds, Is.EqualTo(2), "the silent link was given up and a new one bound");
    }

    [Test]
    public async Task Throttling_pauses_sending_for_the_back_off_and_doubles_while_it_lasts()
    {
        await using var bed = new EsmeTestBed();
        bed.Smsc.Script(SmscAnswer.Throttle, SmscAnswer.Throttle);
        bed.Client.Start();

        var submission = bed.Client.SubmitAsync(EsmeTestBed.Flash("13700137000"));
        Assert.That(await Eventually.Until(() => bed.Smsc.Submissions.Count == 1), Is.True);
        await Eventually.Advance(bed.Time, TimeSpan.FromMilliseconds(900), TimeSpan.FromMilliseconds(100));
        Assert.That(bed.Smsc.Submissions, Has.Count.EqualTo(1), "nothing is sent while throttled");
        var result = await bed.Complete(submission);

        var arrivals = bed.Smsc.Submissions.Select(s => s.ArrivedAt).ToList();
        Assert.That(result.Outcome, Is.EqualTo(SubmissionOutcome.Accepted));
        Assert.That(result.Attempts, Is.EqualTo(3));
        Assert.That(arrivals, Has.Count.EqualTo(3));
        Assert.That(arrivals[1] - arrivals[0], Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(1)));
        Assert.That(arrivals[2] - arrivals[1], Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(2)));
    }

    [Test]
    public async Task A_dropped_link_is_rebound_and_the_message_resent()
    {
        await using var bed = new EsmeTestBed();
        bed.Smsc.Script(SmscAnswer.DropLink);
        bed.Client.Start();

        var result = await bed.Complete(bed.Client.SubmitAsync(EsmeTestBed.Flash("13600136000")));

        Assert.That(result.Outcome, Is.EqualTo(SubmissionOutcome.Accepted), result.Reason);
        Assert.That(result.Attempts, Is.EqualTo(2));
        Assert.That(bed.Smsc.Binds, Is.EqualTo(2));
        Assert.That(bed.Smsc.Messages.Select(m => m.Destination), Is.EqualTo(new[] { "13600136000" }));
    }

    [Test]
    public async Task Reconnection_backs_off_exponentially_while_the_smsc_is_unreachable()
    {
        var attempts = new List<DateTimeOffset>();
        EsmeTestBed? bed = null;
        var options = new EsmeOptions { SystemId = "warner", Password = "secret", ReconnectInitialDelay = TimeSpan.FromMilliseconds(200), ReconnectMaxDelay = TimeSpan.FromSeconds(1) };
        await using var created = bed = new EsmeTestBed(options, async token =>
        {
            lock (attempts)
            {
                attempts.Add(bed!.Time.GetUtcNow());
            }

            if (attempts.Count <= 5)
            {
                throw new SocketException((int)SocketError.ConnectionRefused);
            }

            return await SmppConnectors.Tcp(bed!.Smsc.EndPoint)(token);
        });
        bed.Client.Start();

        var result = await bed.Complete(bed.Client.SubmitAsync(EsmeTestBed.Flash("13500135000")), TimeSpan.FromMilliseconds(20));

        Assert.That(result.Outcome, Is.EqualTo(SubmissionOutcome.Accepted), result.Reason);
        var gaps = attempts.Zip(attempts.Skip(1), (a, b) => (b - a).TotalMilliseconds).ToList();
        Assert.That(gaps, Has.Count.EqualTo(5));
        var expected = new[] { 200, 400, 800, 1000, 1000 };
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.That(gaps[i], Is.InRange(expected[i], expected[i] + 60), $"gap {i + 1}: {string.Join(", ", gaps)}");
        }
    }

    [Test]
    public async Task A_permanent_refusal_is_recorded_undeliverable_at_once()
    {
        await using var bed = new EsmeTestBed();
        bed.Smsc.Script(SmscAnswer.Error(CommandStatus.InvalidDestinationAddress));
        bed.Client.Start();

        var result = await bed.Complete(bed.Client.SubmitAsync(EsmeTestBed.Flash("10000")));

        Assert.That(result.Outcome, Is.EqualTo(SubmissionOutcome.Undeliverable));
        Assert.That(result.Attempts, Is.EqualTo(1));
        Assert.That(result.LastStatus, Is.EqualTo(CommandStatus.InvalidDestinationAddress));
        Assert.That(result.Reason, Does.Contain("InvalidDestinationAddress"));
        Assert.That(bed.Client.Undeliverable, Is.EqualTo(new[] { result }));
    }

    [Test]
    public async Task Only_the_newest_undeliverable_results_are_kept()
    {
        await using var bed = new EsmeTestBed(new EsmeOptions { SystemId = "warner", Password = "secret", UndeliverableKept = 2 });
        bed.Smsc.DefaultAnswer = SmscAnswer.Error(CommandStatus.InvalidDestinationAddress);
        bed.Client.Start();

        var results = new List<SubmissionResult>();
        foreach (var destination in new[] { "10001", "10002", "10003" })
        {
            results.Add(await bed.Complete(bed.Client.SubmitAsync(EsmeTestBed.Flash(destination))));
        }

        Assert.That(results.Select(r => r.Outcome), Is.All.EqualTo(SubmissionOutcome.Undeliverable));
        Assert.That(bed.Client.Undeliverable, Is.EqualTo(results.Skip(1)));
    }

    [Test]
    public async Task Transient_refusals_are_retried_up_to_the_limit_and_then_recorded()
    {
        await using var bed = new EsmeTestBed(new EsmeOptions { SystemId = "warner", Password = "secret", MaxAttempts = 3 });
        bed.Smsc.DefaultAnswer = SmscAnswer.Error(CommandStatus.MessageQueueFull);
        bed.Client.Start();

        var result = await bed.Complete(bed.Client.SubmitAsync(EsmeTestBed.Flash("13400134000")));

        Assert.That(result.Outcome, Is.EqualTo(SubmissionOutcome.Undeliverable));
        Assert.That(result.Attempts, Is.EqualTo(3));
        Assert.That(result.Reason, Does.Contain("gave up after 3"));
        Assert.That(bed.Smsc.Submissions, Has.Count.EqualTo(3));
        Assert.That(bed.Client.Undeliverable, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task An_idle_link_is_kept_alive_with_enquire_link()
    {
        await using var bed = new EsmeTestBed(new EsmeOptions { SystemId = "warner", Password = "secret", EnquireLinkInterval = TimeSpan.FromSeconds(30) });
        bed.Client.Start();
        Assert.That(await Eventually.Until(() => bed.Client.IsBound), Is.True);

        Assert.That(await Eventually.Until(() => bed.Smsc.EnquireLinks >= 2, bed.Time, TimeSpan.FromSeconds(1)), Is.True);
        Assert.That(bed.Smsc.Binds, Is.EqualTo(1), "answered enquiries keep the one link");
    }

    [Test]
    public async Task Messages_waiting_for_a_refused_bind_are_recorded_undeliverable_after_the_limit()
    {
        await using var bed = new EsmeTestBed(new EsmeOptions { SystemId = "warner", Password = "wrong", GiveUpAfter = TimeSpan.FromSeconds(10) });
        bed.Client.Start();

        var result = await bed.Complete(bed.Client.SubmitAsync(EsmeTestBed.Flash("13300133000")), TimeSpan.FromMilliseconds(500));

        Assert.That(result.Outcome, Is.EqualTo(SubmissionOutcome.Undeliverable));
        Assert.That(result.Reason, Does.Contain("no bound link"));
        Assert.That(result.CompletedAt - result.QueuedAt, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(10)));
        Assert.That(bed.Smsc.Binds, Is.Zero);
        Assert.That(bed.Client.ConnectAttempts, Is.GreaterThan(1));
    }

    [Test]
    public async Task Stopping_records_what_the_smsc_has_not_accepted()
    {
        await using var bed = new EsmeTestBed();
        bed.Smsc.DefaultAnswer = SmscAnswer.Silence;
        bed.Client.Start();
        var submission = bed.Client.SubmitAsync(EsmeTestBed.Flash("13200132000"));
        Assert.That(await Eventually.Until(() => bed.Smsc.Submissions.Count == 1), Is.True);

        await bed.Client.StopAsync(TimeSpan.Zero);
        var late = await bed.Client.SubmitAsync(EsmeTestBed.Flash("13100131000"));

        Assert.That(submission.IsCompleted, Is.True);
        Assert.That((await submission).Reason, Does.Contain("stopped"));
        Assert.That(late.Outcome, Is.EqualTo(SubmissionOutcome.Undeliverable));
        Assert.That(bed.Client.Undeliverable, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task A_message_that_cannot_be_encoded_is_recorded_not_thrown()
    {
        await using var bed = new EsmeTestBed();

        var result = await bed.Client.SubmitAsync(new OutboundMessage("12321", new string('1', 25), "提示"));

        Assert.That(result.Outcome, Is.EqualTo(SubmissionOutcome.Undeliverable));
        Assert.That(result.Reason, Does.Contain("DestinationAddress"));
    }

    [Test]
    public void Options_that_cannot_work_are_refused_with_the_reason()
    {
        Assert.That(() => new EsmeOptions { BindCommand = CommandId.BindReceiver }.Validate(), Throws.ArgumentException.With.Message.Contains("BindTransmitter"));
        Assert.That(() => new EsmeOptions { WindowSize = 0 }.Validate(), Throws.ArgumentException.With.Message.Contains("WindowSize"));
    }
}
