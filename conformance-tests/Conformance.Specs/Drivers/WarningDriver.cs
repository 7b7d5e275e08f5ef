using System.Text.Json;
using System.Text.RegularExpressions;
using Conformance.Harness.Evidence;
using Conformance.Harness.Push;
using Conformance.Harness.Calls;
using Conformance.Harness.ShortMessages;
using Conformance.Harness.Warnings;
using Conformance.Specs.Support;
using NUnit.Framework;
using Smpp.Receipts;

namespace Conformance.Specs.Drivers;

/// <summary>
/// Places the calls that should be warned about and judges the warnings that reach the suite's SMSC and push sink:
/// data coding, the 【sender】 signature, the category or number named, and the warning-text check on every one.
/// </summary>
public sealed partial class WarningDriver(SuiteRun run, ScenarioState state, LabellingState labelling, CallDriver calls)
{
    private ReceivedShortMessage? _sms;
    private ReceivedPush? _push;
    private int _refusalsScripted;

    /// <summary>
    /// The caller's call rings at a fresh callee; while it rings, the suite waits up to the response timeout for an SMS
    /// to the callee. A call that must not be warned is listened to for just as long: a shorter quiet window would pass
    /// a system whose flash SMS comes later than the window but within the time a warned call is given.
    /// </summary>
    public async Task RingAsync(bool expectWarning)
    {
        state.Callee = state.Numbers.DomesticMobile();
        labelling.CallSentAt = DateTimeOffset.UtcNow;
        var wait = run.Target.ResponseTimeout;
        state.Evidence.Record("suite SMSC listening", $"for an SMS to {state.Callee} for up to {wait.TotalMilliseconds} ms while the call rings ({(expectWarning ? "a warning is due" : "no warning is due")})");
        await calls.RingOnceAsync(Realms.Interconnect, new CallSpec(state.Caller, state.Callee), async () =>
            _sms = await run.Smsc.WaitForMessageAsync(state.Callee, wait));
        if (_sms is not null)
        {
            state.Evidence.Record($"SMSC received (data coding 0x{_sms.DataCoding:x2}) for {_sms.Destination}", _sms.Text);
            if (_sms.DataCoding == 0x18)
            {
                FlashSmsDelays.Add(_sms.FirstArrivedAt - labelling.CallSentAt);
            }
        }
    }

    /// <summary>A call from abroad presenting the caller's number in +86 form: intercepted under INT-INTL-001. The callee is the one a receipt was scripted for, if any.</summary>
    public async Task InterceptedCallAsync()
    {
        if (state.Callee.Length == 0)
        {
            state.Callee = state.Numbers.DomesticMobile();
        }

        var call = await calls.PlaceCallAsync(Realms.International, new CallSpec("+86" + state.Caller, state.Callee));
        Assert.That(call.Final?.StatusCode, Is.GreaterThanOrEqualTo(400), $"the call was not intercepted: {call.Final?.StatusCode}");
        // Long enough for the SUT's retry after a throttled or dropped submission, should the scenario script one.
        _sms = await run.Smsc.WaitForMessageAsync(state.Callee, run.Target.ResponseTimeout * 4);
        if (_sms is not null)
        {
            state.Evidence.Record($"SMSC received (data coding 0x{_sms.DataCoding:x2}) for {_sms.Destination}", _sms.Text);
        }
    }

    public void ExpectFlash(string chineseName)
    {
        var sms = ExpectSms(0x18, "flash SMS");
        Assert.That(sms.Text, Does.Contain(chineseName), $"the flash SMS does not name the category {chineseName}: {sms.Text}");
    }

    public void ExpectNoSms() =>
        Assert.That(_sms, Is.Null, $"the callee got an SMS it must not get: data coding 0x{_sms?.DataCoding:x2}, \"{_sms?.Text}\"");

    public void ExpectInterceptionNotice()
    {
        var sms = ExpectSms(0x08, "SMS notice");
        Assert.That(sms.Text, Does.Contain(state.Caller), $"the SMS notice does not name the blocked calling number {state.Caller}: {sms.Text}");
    }

    public void ExpectSmsPassesTextCheck()
    {
        Assert.That(_sms, Is.Not.Null, "no SMS reached the suite's SMSC for the callee");
        ExpectCleanText(_sms!.Text, "SMS");
    }

    public async Task ExpectPushAsync(string kind)
    {
        // After scripted refusals the accepted post comes only once the SUT's retries have waited: room for a first retry
        // of up to two seconds, doubling (the wait ends as soon as the post comes).
        var retries = TimeSpan.FromSeconds(2) * ((1 << _refusalsScripted) - 1);
        _push = await run.Push.WaitForAsync(p => p.Field("callee") == state.Callee && p.Field("kind") == kind && p.AnsweredStatus < 300, (run.Target.ResponseTimeout * 3) + retries);
        Assert.That(_push, Is.Not.Null, $"no {kind} push for {state.Callee} reached the push sink at {run.Push.Url}");
        state.Evidence.Record($"push sink received ({_push!.ContentType})", _push.Body);
        Assert.Multiple(() =>
        {
            Assert.That(_push.ContentType.Split(';')[0].Trim(), Is.EqualTo("application/json").IgnoreCase, "push media type");
            Assert.That(_push.Field("caller"), Is.EqualTo(state.Caller), "push: caller");
            Assert.That(_push.Field("text"), Is.Not.Null.And.Not.Empty, "push: text");
            if (kind == "flash")
            {
                Assert.That(_push.Field("category"), Is.EqualTo(labelling.Category), "push: category");
            }
        });
    }

    public void ExpectPushPassesTextCheck()
    {
        Assert.That(_push, Is.Not.Null, "no push reached the sink");
        ExpectCleanText(_push!.Field("text") ?? string.Empty, "push");
    }

    /// <summary>Draws the scenario's callee now, so the suite's SMSC can answer every SMS to them with a receipt saying <paramref name="stat"/>.</summary>
    public void ScriptReceipt(string stat)
    {
        state.Callee = state.Numbers.DomesticMobile();
        var receipt = DeliveryReceipt.StateOf(stat) ?? throw new ArgumentException($"'{stat}' is no stat word of a delivery receipt; use one of {string.Join(", ", Enum.GetValues<ReceiptState>().Select(DeliveryReceipt.Word))}.", nameof(stat));
        run.Smsc.ScriptReceipt(state.Callee, receipt);
        state.Evidence.Record("suite SMSC scripted", $"every SMS to {state.Callee} is answered with a delivery receipt saying {stat}");
    }

    /// <summary>
    /// Reads the callee's warning SMS back from the SUT (GET /v1/warnings/sms) until its receipt is recorded or the wait
    /// runs out, then judges the state and the receipt it names.
    /// </summary>
    public async Task ExpectRecordedAsync(string expectedState, string stat)
    {
        var api = run.RequireManagement();
        var scratch = new EvidenceLog(TimeProvider.System);
        var deadline = DateTimeOffset.UtcNow + run.Target.ResponseTimeout * 2;
        while (DateTimeOffset.UtcNow < deadline)
        {
            using var poll = await api.WarningSmsAsync(state.Callee, scratch);
            if (Messages(poll).Any(m => Text(m, "state") != "submitted" && m.TryGetProperty("receipts", out var r) && r.ValueKind == JsonValueKind.Array && r.GetArrayLength() > 0))
            {
                break;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }

        using var answer = await api.WarningSmsAsync(state.Callee, state.Evidence);
        var messages = Messages(answer);
        Assert.That(messages, Is.Not.Empty, $"GET /v1/warnings/sms lists no warning SMS to {state.Callee}, though the suite's SMSC accepted one");
        var sms = messages[^1];
        var receipts = sms.TryGetProperty("receipts", out var list) && list.ValueKind == JsonValueKind.Array ? list.EnumerateArray().ToList() : [];
        Assert.Multiple(() =>
        {
            Assert.That(Text(sms, "state"), Is.EqualTo(expectedState), $"the SMS whose delivery receipt said {stat} is recorded as \"{Text(sms, "state")}\" ({Text(sms, "reason")}), not {expectedState}");
            Assert.That(receipts.Select(r => Text(r, "stat")), Does.Contain(stat), $"the SMS's recorded receipts do not include the one saying {stat}: {sms}");
            Assert.That(receipts.Select(r => Text(r, "messageId")), Is.SubsetOf(sms.TryGetProperty("messageIds", out var ids) && ids.ValueKind == JsonValueKind.Array ? ids.EnumerateArray().Select(i => i.GetString()) : []),
                $"a recorded receipt names a message id the SMSC never gave this SMS: {sms}");
        });
    }

    private static List<JsonElement> Messages(JsonDocument answer) =>
        answer.RootElement.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Array ? [.. messages.EnumerateArray()] : [];

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>Draws the scenario's callee now and scripts the suite's SMSC to refuse the next submission to that callee only.</summary>
    public void SmscTrouble(bool dropLink)
    {
        state.Callee = state.Numbers.DomesticMobile();
        var answer = dropLink ? SmscAnswer.DropLink : SmscAnswer.Throttle;
        run.Smsc.ScriptFor(state.Callee, answer);
        state.Evidence.Record("suite SMSC scripted", $"the next submission to {state.Callee} is answered {(dropLink ? "by dropping the link" : "ESME_RTHROTTLED")}");
    }

    /// <summary>
    /// The SMSC refused a submission of this callee's notice as scripted, and a later submission of the notice, to the
    /// same callee and naming the same caller, was accepted: the retry is the refused warning's, not another one's.
    /// </summary>
    public void ExpectRefusedThenAccepted()
    {
        var mine = run.Smsc.Submissions.Where(s => SubscriberNumbers.Same(s.Destination, state.Callee)).OrderBy(s => s.ArrivedAt).ToList();
        foreach (var submission in mine)
        {
            state.Evidence.Record($"SMSC received at {submission.ArrivedAt:HH:mm:ss.fff} for {submission.Destination}, answered {submission.Answer.Kind} {submission.Answer.Status}", submission.Text);
        }

        var refused = mine.FindIndex(s => s.Answer.Kind != SmscAnswerKind.Accept);
        Assert.That(refused, Is.GreaterThanOrEqualTo(0), $"no submission to {state.Callee} was refused: the scripted refusal was never met by this callee's notice");
        var retry = mine.Skip(refused + 1).FirstOrDefault(s => s.Answer.Kind == SmscAnswerKind.Accept);
        Assert.That(retry, Is.Not.Null, $"after the refused submission to {state.Callee}, no submission to that callee was accepted: the notice was lost");
        Assert.Multiple(() =>
        {
            Assert.That(mine[refused].DataCoding, Is.EqualTo(0x08), "the refused submission is not the SMS notice (data coding 0x08)");
            Assert.That(mine[refused].Text, Does.Contain(state.Caller), $"the refused submission to {state.Callee} does not name the blocked caller {state.Caller}: {mine[refused].Text}");
            Assert.That(retry!.DataCoding, Is.EqualTo(0x08), "the accepted retry is not the SMS notice (data coding 0x08)");
            Assert.That(retry.Text, Does.Contain(state.Caller), $"the accepted retry to {state.Callee} does not name the blocked caller {state.Caller}: {retry.Text}");
        });
    }

    public void RefuseNextPushes(int count)
    {
        _refusalsScripted = count;
        run.Push.Script(Enumerable.Repeat(503, count).ToArray());
    }

    /// <summary>
    /// The pushes for the callee were retried after each refusal, with growing gaps (back-off), until one was accepted.
    /// A gap on the wire is the SUT's wait plus whatever delayed the post (a busy machine: a few hundred milliseconds
    /// now and then), so one gap is not compared with the next: the last must be a quarter longer than the shortest
    /// before it. Doubling waits (d, 2d, 4d) fail that only when the first two gaps were both delayed by more than d;
    /// one constant wait passes it only when the last gap alone was delayed by more than a quarter of it.
    /// </summary>
    public void ExpectRetriedWithBackOff(int refusals)
    {
        var posts = run.Push.Received.Where(p => p.Field("callee") == state.Callee).OrderBy(p => p.ArrivedAt).ToList();
        foreach (var post in posts)
        {
            state.Evidence.Record($"push sink received at {post.ArrivedAt:HH:mm:ss.fff}, answered {post.AnsweredStatus}", post.Body);
        }

        Assert.That(posts.Count, Is.GreaterThanOrEqualTo(refusals + 1), $"the push was posted {posts.Count} times; after {refusals} refusals it must be retried");
        Assert.That(posts[^1].AnsweredStatus, Is.LessThan(300), "the last post was not accepted");
        Assert.That(refusals, Is.GreaterThanOrEqualTo(3), "back-off shows only with three retries or more (see above)");
        var gaps = posts.Zip(posts.Skip(1), (a, b) => Math.Round((b.ArrivedAt - a.ArrivedAt).TotalMilliseconds, 1)).ToList();
        var shortest = gaps.Take(gaps.Count - 1).Min();
        Assert.That(gaps[^1], Is.GreaterThan(Math.Round(shortest * 1.25, 1)),
            $"retries not backed off: last gap vs 1.25 x shortest before it (gaps {string.Join(", ", gaps)} ms)");
    }

    private ReceivedShortMessage ExpectSms(byte dataCoding, string what)
    {
        Assert.That(_sms, Is.Not.Null, $"no {what} for {state.Callee} reached the suite's SMSC at {run.Smsc.EndPoint} within {run.Target.ResponseTimeout.TotalMilliseconds} ms");
        Assert.Multiple(() =>
        {
            Assert.That(_sms!.DataCoding, Is.EqualTo(dataCoding), $"the {what} has data coding 0x{_sms.DataCoding:x2}, not 0x{dataCoding:x2}");
            Assert.That(Signature().IsMatch(_sms.Text), Is.True, $"the {what} does not start with a 【sender】 signature: {_sms.Text}");
        });
        ExpectCleanText(_sms!.Text, what);
        return _sms;
    }

    private void ExpectCleanText(string text, string what)
    {
        var violations = WarningTextCheck.Check(text, [state.Caller]);
        Assert.That(violations, Is.Empty, $"the {what} breaks the warning-text rules: {string.Join("; ", violations)} in \"{text}\"");
    }

    [GeneratedRegex(@"^【[^【】]{1,20}】")]
    private static partial Regex Signature();
}
