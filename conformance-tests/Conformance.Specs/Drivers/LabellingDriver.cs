using System.Globalization;
using System.Text.Json;
using Conformance.Harness.Labelling;
using Conformance.Specs.Support;
using NUnit.Framework;

namespace Conformance.Specs.Drivers;

/// <summary>Reports, looks up, declares and appeals labels through the SUT's management API, and judges the answers.</summary>
public sealed class LabellingDriver(SuiteRun run, ScenarioState state, LabellingState labelling)
{
    public int Threshold => run.Target.Parameters.LabelReporters;

    private LabellingClient Api => run.RequireLabelling();

    /// <summary><paramref name="reporters"/> distinct reporters report the scenario's caller as <paramref name="category"/>; each report must be accepted.</summary>
    public async Task ReportAsync(int reporters, string category, string reporterPrefix = "reporter")
    {
        for (var i = 0; i < reporters; i++)
        {
            var answer = await Api.ReportAsync(state.Caller, category, $"{reporterPrefix}-{state.Caller}-{i}", "suspicious call", state.Evidence);
            Assert.That(answer.Status, Is.EqualTo(201), $"the report by {reporterPrefix}-{i} was not accepted: {answer.Status} {answer.Body}");
        }

        labelling.Reporters += reporters;
        labelling.Category = category;
    }

    public async Task RepeatAsync(int times)
    {
        for (var i = 0; i < times; i++)
        {
            var answer = await Api.ReportAsync(state.Caller, labelling.Category, $"reporter-{state.Caller}-0", "again", state.Evidence);
            Assert.That(answer.Status, Is.EqualTo(201), $"a repeated report was not accepted: {answer.Status} {answer.Body}");
        }
    }

    public async Task AttemptReportAsync(string number, string category, string text) =>
        labelling.LastAnswer = await Api.ReportAsync(number, category, "reporter-" + state.Caller, text, state.Evidence);

    public async Task FlagAsync(string category) =>
        Expect(labelling.LastAnswer = await Api.FlagAsync(state.Caller, category, state.Evidence), 201, "the analytics flag");

    public async Task DeclareAsync(string enterprise, string category) =>
        Expect(labelling.LastAnswer = await Api.DeclareAsync(enterprise, category, [state.Caller], state.Evidence), 201, "the declaration");

    public async Task AttemptDeclareAsync(string enterprise, string category) =>
        labelling.LastAnswer = await Api.DeclareAsync(enterprise, category, [state.Caller], state.Evidence);

    public void ExpectRefused(string field)
    {
        var answer = labelling.LastAnswer ?? throw new InvalidOperationException("No request was attempted in this scenario.");
        Assert.That(answer.Status, Is.EqualTo(400), $"the attempt was answered {answer.Status}, not refused with 400: {answer.Body}");
        Assert.That(answer.ContentType, Is.EqualTo("application/problem+json"), "a refusal must be problem+json (RFC 9457)");
        var errors = answer.Json.TryGetProperty("errors", out var e) ? e : default;
        Assert.That(errors.ValueKind == JsonValueKind.Object && errors.TryGetProperty(field, out _), Is.True, $"the problem does not name the field '{field}': {answer.Body}");
    }

    /// <summary>
    /// The caller's label as the lookup answers it. A label that an API call made is there once the call was answered
    /// 2xx. One that signalling raised (carrier analytics, from a call the SUT intercepted) is written after that call,
    /// without holding it: the lookup is asked again until it answers or the target's response timeout has passed.
    /// </summary>
    public async Task<JsonElement> ExpectLabelAsync(string category, string source, bool raisedBySignalling = false)
    {
        var answer = await Api.LookupAsync(state.Caller, state.Evidence);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (raisedBySignalling && answer.Status == 404 && waited.Elapsed < run.Target.ResponseTimeout)
        {
            await Task.Delay(50);
            answer = await Api.LookupAsync(state.Caller, state.Evidence);
        }

        var asked = raisedBySignalling ? $" (asked again for {waited.ElapsedMilliseconds} ms, timeouts.responseMs)" : "";
        Assert.That(answer.Status, Is.EqualTo(200), $"the lookup of {state.Caller} found no label{asked}: {answer.Status} {answer.Body}");
        Assert.Multiple(() =>
        {
            Assert.That(answer.Field("number"), Is.EqualTo(state.Caller), "lookup: number");
            Assert.That(answer.Field("category"), Is.EqualTo(category), "lookup: category");
            Assert.That(answer.Field("source"), Is.EqualTo(source), "lookup: source");
            Assert.That(answer.Field("categoryName"), Is.Not.Null.And.Not.Empty, "lookup: categoryName (the Chinese name)");
            Assert.That(DateTimeOffset.TryParse(answer.Field("at"), CultureInfo.InvariantCulture, out _), Is.True, $"lookup: at is not a time: {answer.Field("at")}");
            Assert.That(answer.Json.TryGetProperty("count", out var count) && count.ValueKind == JsonValueKind.Number, Is.True, "lookup: count");
        });
        return answer.Json;
    }

    public async Task ExpectReportedLabelAsync(string category, string chineseName)
    {
        var label = await ExpectLabelAsync(category, "reports");
        Assert.That(label.GetProperty("categoryName").GetString(), Is.EqualTo(chineseName), "lookup: categoryName");
        Assert.That(label.GetProperty("count").GetInt32(), Is.EqualTo(labelling.Reporters), "lookup: count of distinct reporters");
    }

    public async Task ExpectNoLabelAsync()
    {
        var answer = await Api.LookupAsync(state.Caller, state.Evidence);
        Assert.That(answer.Status, Is.EqualTo(404), $"{state.Caller} must carry no label, but the lookup answered {answer.Status} {answer.Body}");
        Assert.That(answer.ContentType, Is.EqualTo("application/problem+json"), "the 404 of an unlabelled number must be problem+json (RFC 9457)");
    }

    public async Task AppealAsync(string holder, string reason)
    {
        var answer = labelling.LastAnswer = await Api.AppealAsync(state.Caller, holder, reason, state.Evidence);
        Expect(answer, 201, "the appeal");
        labelling.AppealId = answer.Field("id");
    }

    public async Task ExpectAppealStateAsync(string expected)
    {
        var answer = await Api.AppealStatusAsync(labelling.AppealId ?? throw new InvalidOperationException("No appeal was filed in this scenario."), state.Evidence);
        Expect(answer, 200, "the appeal lookup");
        Assert.That(answer.Field("state"), Is.EqualTo(expected), $"appeal state: {answer.Body}");
    }

    /// <summary>Whether the scenario's appeal is listed among the overdue appeals; when it is, it must say overdue and escalated as of its deadline.</summary>
    public async Task ExpectOverdueAsync(bool listed)
    {
        var id = labelling.AppealId ?? throw new InvalidOperationException("No appeal was filed in this scenario.");
        var answer = await Api.AppealsAsync("overdue", state.Evidence);
        Expect(answer, 200, "the list of overdue appeals");
        Assert.That(answer.Json.TryGetProperty("appeals", out var appeals) && appeals.ValueKind == JsonValueKind.Array, Is.True, $"the list of overdue appeals has no \"appeals\" array: {answer.Body}");
        var entry = appeals.EnumerateArray().Where(a => a.TryGetProperty("id", out var i) && i.GetString() == id).Select(a => (JsonElement?)a).FirstOrDefault();
        if (!listed)
        {
            Assert.That(entry, Is.Null, $"appeal {id} is listed as overdue before its deadline or after its decision: {answer.Body}");
            return;
        }

        Assert.That(entry, Is.Not.Null, $"appeal {id} is past its deadline undecided but not listed among the overdue appeals: {answer.Body}");
        var appeal = entry!.Value;
        Assert.Multiple(() =>
        {
            Assert.That(appeal.TryGetProperty("overdue", out var overdue) && overdue.ValueKind == JsonValueKind.True, Is.True, $"overdue appeal {id} does not say overdue: true");
            Assert.That(appeal.TryGetProperty("escalatedAt", out var at) && at.ValueKind == JsonValueKind.String, Is.True, $"overdue appeal {id} has no escalatedAt");
            Assert.That(Time(appeal, "escalatedAt"), Is.Not.Null.And.EqualTo(Time(appeal, "decideBy")),
                $"overdue appeal {id} must be escalated as of its deadline (escalatedAt = decideBy): {appeal}");
        });
    }

    public Task ExpectDeadlineAsync() => ExpectDeadlineAsync(run.Target.Parameters.AppealDeadlineDays);

    public void ExpectAccepted() =>
        Expect(labelling.LastAnswer ?? throw new InvalidOperationException("No request was attempted in this scenario."), 201, "the report");

    public async Task ExpectDeadlineAsync(int days)
    {
        var answer = await Api.AppealStatusAsync(labelling.AppealId!, state.Evidence);
        var filed = DateTimeOffset.Parse(answer.Field("filedAt")!, CultureInfo.InvariantCulture);
        var decideBy = DateTimeOffset.Parse(answer.Field("decideBy")!, CultureInfo.InvariantCulture);
        Assert.That(decideBy - filed, Is.EqualTo(TimeSpan.FromDays(days)), $"the decision deadline is not {days} days after filing: {answer.Body}");
    }

    public async Task DecideAsync(bool clear) =>
        Expect(await Api.DecideAsync(labelling.AppealId!, clear, state.Evidence), 200, "the decision");

    /// <summary>The forwarded INVITE carries the label in the form of LAB-SIG-001.</summary>
    public void ExpectLabelHeaders(Sip.SipRequest invite, string chineseName, string category, string source, int count)
    {
        state.Evidence.Record("callee received", invite.ToString());
        var pai = invite.Headers[Sip.HeaderNames.PAssertedIdentity];
        Assert.That(Sip.NameAddress.TryParse(pai, out var identity), Is.True, $"the forwarded INVITE has no P-Asserted-Identity: {pai}");
        Assert.That(identity.DisplayName, Is.EqualTo(chineseName), $"P-Asserted-Identity does not carry the label as display name: {pai}");
        var expected = string.Create(CultureInfo.InvariantCulture, $"<urn:label:{category}>;purpose=label;category={category};source={source};count={count}");
        var callInfo = LabelCallInfo(invite).ToList();
        Assert.That(callInfo, Does.Contain(expected), $"no Call-Info entry {expected}; found: {string.Join(" | ", callInfo)}");
    }

    public void ExpectNoLabelHeaders(Sip.SipRequest invite)
    {
        state.Evidence.Record("callee received", invite.ToString());
        Assert.That(LabelCallInfo(invite), Is.Empty, "the forwarded INVITE of an unlabelled caller carries a label Call-Info entry");
    }

    private static IEnumerable<string> LabelCallInfo(Sip.SipRequest invite) =>
        invite.Headers.All(Sip.HeaderNames.CallInfo)
            .SelectMany(v => v.Split(','))
            .Select(v => v.Trim())
            .Where(v => v.Contains("purpose=label", StringComparison.OrdinalIgnoreCase));

    private static DateTimeOffset? Time(JsonElement json, string field) =>
        json.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String
        && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time : null;

    private static void Expect(ApiAnswer answer, int status, string what) =>
        Assert.That(answer.Status, Is.EqualTo(status), $"{what} was answered {answer.Status}: {answer.Body}");
}
