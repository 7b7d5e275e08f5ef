using Conformance.Harness.Adapters;
using Conformance.Harness.Management;
using Conformance.Harness.Calls;
using Conformance.Specs.Support;
using NUnit.Framework;

namespace Conformance.Specs.Drivers;

/// <summary>
/// Queries the SUT's call records (GET /v1/traceback/calls) about the calls the scenario placed and judges what they
/// say. A query is made as soon as the call's final response has come back and is never retried: the record must have
/// been queued before that response (TRC-REC-001). Windows are reckoned on the SUT's clock (its test clock when it has
/// one), which dates the records.
/// </summary>
public sealed class TracebackDriver(SuiteRun run, ScenarioState state, StirDriver stir)
{
    /// <summary>Half the width of a window "around the call": wide enough for a SUT whose clock is not the suite's.</summary>
    public static readonly TimeSpan Around = TimeSpan.FromHours(1);

    private DateTimeOffset? _retentionEndsBy;

    public async Task<IReadOnlyList<TracebackCall>> AroundTheCallAsync()
    {
        var now = await stir.SutNowAsync();
        return await QueryAsync(TracebackQuery.ByCallee(state.Callee, now - Around, now + Around));
    }

    public async Task<IReadOnlyList<TracebackCall>> BeforeTheCallsAsync()
    {
        var now = await stir.SutNowAsync();
        return await QueryAsync(TracebackQuery.ByCallee(state.Callee, now - (3 * Around), now - (2 * Around)));
    }

    public Task<IReadOnlyList<TracebackCall>> ByCallerAsync(ManagementClient? client = null) =>
        QueryAsync(TracebackQuery.ByCaller(CallerOf(LastCall())), client);

    public async Task<IReadOnlyList<TracebackCall>> ByOrigIdAsync()
    {
        var claims = await stir.ExpectVerifiedIdentityAsync(LastCall());
        Assert.That(claims.OrigId, Is.Not.Null.And.Not.Empty, "the forwarded call's PASSporT carries no origid to trace it by");
        return await QueryAsync(TracebackQuery.ByOrigId(claims.OrigId!));
    }

    /// <summary>A query of the caller's calls with a key of another role ($.management.roleTokenVariables), whatever the answer.</summary>
    public async Task<(int Status, string ContentType, string Body)> ByCallerWithRoleAsync(string role)
    {
        using var other = run.RequireManagement().WithToken(RoleToken(role));
        return await other.TryGetAsync(TracebackQuery.ByCaller(CallerOf(LastCall())).PathAndQuery, state.Evidence);
    }

    public async Task<IReadOnlyList<TracebackCall>> ByCallerWithRoleKeyAsync(string role)
    {
        using var other = run.RequireManagement().WithToken(RoleToken(role));
        return await ByCallerAsync(other);
    }

    public Task OneMinuteBeforeRetentionEndsAsync() => MoveClockAsync(TimeSpan.FromMinutes(-1));

    public Task PastRetentionAsync() => MoveClockAsync(TimeSpan.FromSeconds(1));

    /// <summary>The scenario's last call is among <paramref name="records"/>, from the scenario's trunk and enterprise, and (when given) decided so.</summary>
    public TracebackCall ExpectFound(IReadOnlyList<TracebackCall> records, string? decision = null) =>
        ExpectFound(records, LastCall().Invite.CallId!, CallerOf(LastCall()), decision);

    /// <summary>Every call the scenario placed (each Call-ID it sent) is among <paramref name="records"/>, each from the scenario's trunk and enterprise.</summary>
    public void ExpectAllFound(IReadOnlyList<TracebackCall> records)
    {
        Assert.That(state.CalleeMarks.Keys, Is.Not.Empty, "the scenario placed no call");
        foreach (var callId in state.CalleeMarks.Keys)
        {
            ExpectFound(records, callId, calling: null, decision: null);
        }
    }

    public static void ExpectNone(IReadOnlyList<TracebackCall> records) =>
        Assert.That(records, Is.Empty, $"the query found {records.Count} record(s): {string.Join("; ", records)}");

    private TracebackCall ExpectFound(IReadOnlyList<TracebackCall> records, string callId, string? calling, string? decision)
    {
        var trunk = state.Trunk ?? throw new InvalidOperationException("The scenario provisioned no trunk.");
        var record = records.FirstOrDefault(r => r.CallId == callId);
        Assert.That(record, Is.Not.Null,
            $"no record of the call {callId} among the {records.Count} the query found, asked as soon as the call's final response came back: {string.Join("; ", records)}");
        Assert.Multiple(() =>
        {
            Assert.That(record!.Trunk, Is.EqualTo(trunk.TrunkId), $"the record of {callId} names another originating trunk");
            Assert.That(record.Enterprise, Is.EqualTo(trunk.EnterpriseId), $"the record of {callId} names another enterprise");
            Assert.That(National(record.Called), Is.EqualTo(National(state.Callee)), $"the record of {callId} names another callee");
            Assert.That(record.Realm, Is.EqualTo(Realms.Access), $"the record of {callId} names another realm");
            Assert.That(record.Reason, Is.Not.Empty, $"the record of {callId} gives no reason");
            if (calling is not null)
            {
                Assert.That(National(record.Calling), Is.EqualTo(National(calling)), $"the record of {callId} names another calling number");
            }

            if (decision is not null)
            {
                Assert.That(record.Decision, Is.EqualTo(decision), $"the record of {callId} says another decision");
            }
        });
        return record!;
    }

    private async Task<IReadOnlyList<TracebackCall>> QueryAsync(TracebackQuery query, ManagementClient? client = null) =>
        await (client ?? run.RequireManagement()).TracebackAsync(query, state.Evidence);

    private async Task MoveClockAsync(TimeSpan fromTheEnd)
    {
        var api = run.RequireManagement();
        _retentionEndsBy ??= await api.ClockAsync(state.Evidence) + TimeSpan.FromDays(run.Target.Parameters.CallRecordRetentionDays);
        await api.SetClockAsync(_retentionEndsBy.Value + fromTheEnd, state.Evidence);
    }

    private string RoleToken(string role) =>
        run.RequireEndpoints().RoleTokens.TryGetValue(role, out var token)
            ? token
            : throw new SutUnavailableException($"the suite was given no key of the role \"{role}\": name the environment variable holding one in $.management.roleTokenVariables.{role} of the target file, or declare TRC-ACL absent");

    private CallResult LastCall() => state.LastCall ?? throw new InvalidOperationException("The scenario placed no call.");

    private static string CallerOf(CallResult call) =>
        call.Invite.From?.Uri.Number ?? throw new InvalidOperationException($"the call {call.Invite.CallId} has no number in From");

    /// <summary>The national significant number: systems may record numbers with or without +86.</summary>
    private static string National(string number)
    {
        var digits = new string(number.Where(char.IsAsciiDigit).ToArray());
        return digits.StartsWith("86", StringComparison.Ordinal) && digits.Length > 11 ? digits[2..] : digits;
    }
}
