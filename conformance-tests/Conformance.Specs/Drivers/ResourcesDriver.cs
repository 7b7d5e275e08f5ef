using System.Globalization;
using System.Text.Json;
using Conformance.Harness.Adapters;
using Conformance.Harness.Labelling;
using Conformance.Harness.Resources;
using Conformance.Harness.Calls;
using Conformance.Specs.Support;
using NUnit.Framework;

namespace Conformance.Specs.Drivers;

/// <summary>
/// Qualifies enterprises, allocates numbers and trunk blocks, publishes and reads the joint-discipline list, suspends
/// and audits trunks through the SUT's management API, and judges the answers. Dates are judged on the SUT's clock
/// (its test clock when it has one), within <see cref="Slack"/> of when the suite asked.
/// </summary>
public sealed class ResourcesDriver(SuiteRun run, ScenarioState state, ResourcesState resources, StirDriver clock) : IDisposable
{
    public static readonly TimeSpan Slack = TimeSpan.FromMinutes(1);

    public const string Reason = "harassing calls reported by subscribers (conformance suite)";

    private ResourcesClient? _carrier;
    private ResourcesClient? _otherCarrier;

    private ResourcesClient Carrier => _carrier ??= new ResourcesClient(Management(), run.RequireEndpoints().ManagementToken);

    private ResourcesClient OtherCarrier => _otherCarrier ??= new ResourcesClient(Management(), run.RequireEndpoints().RoleTokens.TryGetValue("other-carrier", out var token)
        ? token
        : throw new SutUnavailableException("the suite was given no key of another carrier's operator: name the environment variable holding one in $.management.roleTokenVariables.other-carrier of the target file, or declare RES-DIS absent"));

    /// <summary>Records the enterprise's qualification; <paramref name="without"/> names a part left out, <paramref name="expired"/> dates it a day ago.</summary>
    public async Task QualifyAsync(string enterprise, string? without = null, bool expired = false)
    {
        var now = await clock.SutNowAsync();
        var answer = await Carrier.QualifyAsync(
            enterprise,
            without == "businessScope" ? null : "software development and customer service (营业执照 经营范围)",
            without == "connectsTo" ? null : "call centre at 北京市海淀区 connected through the enterprise's own trunk",
            without == "use" ? null : "customer service hotline, inbound and outbound",
            expired ? now - TimeSpan.FromDays(1) : now + TimeSpan.FromDays(365),
            state.Evidence);
        Expect(answer, 201, "the qualification");
    }

    public Task QualifyTheEnterpriseAsync(string? without = null, bool expired = false) => QualifyAsync(Trunk().EnterpriseId, without, expired);

    public async Task SecondEnterpriseAsync()
    {
        var id = "ent2-" + state.Numbers.DomesticMobile();
        await run.RequireManagement().CreateEnterpriseAsync(id, "other", state.Evidence);
        await QualifyAsync(id);
        resources.SecondEnterprise = id;
    }

    /// <summary>Allocates a fresh 400 number to the enterprise; <paramref name="attempt"/> leaves the answer to be judged.</summary>
    public async Task AllocateNumberAsync(bool attempt)
    {
        resources.Number = "400" + state.Numbers.DomesticMobile()[^7..];
        resources.AllocatedAt = await clock.SutNowAsync();
        var answer = resources.LastAnswer = await Carrier.AllocateNumberAsync(resources.Number, Trunk().EnterpriseId, null, state.Evidence);
        if (!attempt)
        {
            Expect(answer, 201, $"the allocation of {resources.Number}");
        }
    }

    public async Task AllocateBlockAsync(bool attempt)
    {
        var trunk = Trunk();
        resources.AllocatedAt = await clock.SutNowAsync();
        var answer = resources.LastAnswer = await Carrier.AllocateBlockAsync(trunk.First, trunk.Last, trunk.TrunkId, trunk.EnterpriseId, state.Evidence);
        if (!attempt)
        {
            Expect(answer, 201, $"the allocation of the block {trunk.First}-{trunk.Last}");
        }
    }

    public async Task ReissueAsync()
    {
        var second = resources.SecondEnterprise ?? throw new InvalidOperationException("The scenario has no second enterprise.");
        // A reissue is dated after the allocation it ends: on a clock that reads the same twice, wait for it to move on.
        await Task.Delay(TimeSpan.FromMilliseconds(20));
        resources.ReissuedAt = await clock.SutNowAsync();
        Expect(resources.LastAnswer = await Carrier.AllocateNumberAsync(resources.Number, second, null, state.Evidence), 201, $"the reissue of {resources.Number} to {second}");
    }

    /// <summary>The last request was refused as problem+json whose errors name <paramref name="field"/>.</summary>
    public void ExpectRefused(string field)
    {
        var answer = resources.LastAnswer ?? throw new InvalidOperationException("No allocation was attempted in this scenario.");
        Assert.That(answer.Status, Is.AnyOf(400, 409, 422), $"the allocation was answered {answer.Status}, not refused: {answer.Body}");
        Assert.That(answer.ContentType, Is.EqualTo("application/problem+json"), "a refusal must be problem+json (RFC 9457)");
        var errors = answer.Json.TryGetProperty("errors", out var e) ? e : default;
        Assert.That(errors.ValueKind == JsonValueKind.Object && errors.TryGetProperty(field, out _), Is.True, $"the refusal does not name '{field}' among its errors: {answer.Body}");
    }

    public async Task ExpectNoAllocationsAsync(string by)
    {
        var list = await AllocationsAsync(by);
        Assert.That(list, Is.Empty, $"a refused allocation left records: {string.Join("; ", list)}");
    }

    public async Task ExpectNumberHeldAsync()
    {
        var list = await AllocationsAsync("number");
        var held = list.Where(a => Text(a, "holder") == Trunk().EnterpriseId).ToList();
        Assert.That(held, Has.Count.EqualTo(1), $"the allocations of {resources.Number} do not name {Trunk().EnterpriseId} once: {string.Join("; ", list)}");
        ExpectSince(held[0], resources.AllocatedAt!.Value, "the allocation");
        Assert.That(Text(held[0], "until"), Is.Null, $"the allocation of {resources.Number} is ended though nothing ended it: {held[0]}");
    }

    public async Task ExpectBlockHeldAsync()
    {
        var trunk = Trunk();
        var list = await AllocationsAsync("trunk");
        var block = list.FirstOrDefault(a => a.TryGetProperty("block", out var b) && b.ValueKind == JsonValueKind.Object
            && Text(b, "first") == trunk.First && Text(b, "last") == trunk.Last);
        Assert.That(block.ValueKind, Is.EqualTo(JsonValueKind.Object), $"the allocations of {trunk.TrunkId} do not list its block {trunk.First}-{trunk.Last}: {string.Join("; ", list)}");
        Assert.That(Text(block, "holder"), Is.EqualTo(trunk.EnterpriseId), $"the block is held by another: {block}");
        ExpectSince(block, resources.AllocatedAt!.Value, "the block's allocation");
    }

    public async Task ExpectReissueRecordedAsync()
    {
        var list = await AllocationsAsync("number");
        var first = list.FirstOrDefault(a => Text(a, "holder") == Trunk().EnterpriseId);
        var second = list.FirstOrDefault(a => Text(a, "holder") == resources.SecondEnterprise);
        Assert.Multiple(() =>
        {
            Assert.That(first.ValueKind, Is.EqualTo(JsonValueKind.Object), $"the earlier holder {Trunk().EnterpriseId} is no longer on record: {string.Join("; ", list)}");
            Assert.That(second.ValueKind, Is.EqualTo(JsonValueKind.Object), $"the reissue to {resources.SecondEnterprise} is not on record: {string.Join("; ", list)}");
        });
        var ended = Time(first, "until");
        Assert.That(ended, Is.Not.Null, $"the earlier holder's allocation was not ended by the reissue: {first}");
        Assert.Multiple(() =>
        {
            Assert.That(ended!.Value, Is.InRange(resources.ReissuedAt!.Value - Slack, resources.ReissuedAt.Value + Slack), $"the earlier allocation ended at another time than the reissue: {first}");
            Assert.That(Time(second, "since"), Is.EqualTo(ended), $"the new holder's allocation does not start when the earlier one ended: {second}");
            Assert.That(Time(first, "since"), Is.LessThan(ended), $"the earlier allocation ends before it began: {first}");
        });
    }

    public async Task SuspendAsync() =>
        Expect(await Carrier.SuspendAsync(Trunk().TrunkId, Reason, state.Evidence), 200, "the suspension");

    public async Task LiftAsync() =>
        Expect(await Carrier.LiftAsync(Trunk().TrunkId, state.Evidence), 200, "the lifting of the suspension");

    /// <summary>The audit of the scenario's trunk around now flags every call it placed outside its block, each with its time and calling number, and none within it.</summary>
    public async Task ExpectAuditAsync(bool insideToo)
    {
        var now = await clock.SutNowAsync();
        var answer = await Carrier.AuditAsync(Trunk().TrunkId, now - TimeSpan.FromHours(1), now + TimeSpan.FromHours(1), state.Evidence);
        Expect(answer, 200, "the audit");
        Assert.That(answer.Json.TryGetProperty("findings", out var found) && found.ValueKind == JsonValueKind.Array, Is.True, $"the audit has no \"findings\" array: {answer.Body}");
        var findings = found.EnumerateArray().ToList();
        Assert.That(resources.Outside, Is.Not.Empty, "the scenario placed no call outside the trunk's block");
        foreach (var call in resources.Outside)
        {
            var finding = findings.FirstOrDefault(f => Text(f, "callId") == call.Invite.CallId);
            Assert.That(finding.ValueKind, Is.EqualTo(JsonValueKind.Object), $"the audit does not flag the call {call.Invite.CallId} presenting {Caller(call)} outside the trunk's block: {answer.Body}");
            Assert.Multiple(() =>
            {
                Assert.That(National(Text(finding, "calling") ?? string.Empty), Is.EqualTo(National(Caller(call))), $"the finding names another calling number: {finding}");
                Assert.That(Time(finding, "at"), Is.Not.Null.And.InRange(now - TimeSpan.FromHours(1), now + Slack), $"the finding gives no time of the call, or another: {finding}");
                Assert.That(finding.TryGetProperty("origid", out _), Is.True, $"the finding has no origid field (null when the call carried none): {finding}");
            });
        }

        foreach (var call in insideToo ? resources.Inside : [])
        {
            Assert.That(findings.Any(f => Text(f, "callId") == call.Invite.CallId), Is.False, $"the audit flags the call {call.Invite.CallId} presenting {Caller(call)}, a number of the trunk's block: {answer.Body}");
        }
    }

    public async Task OtherCarrierListsAsync()
    {
        var answer = resources.OtherCarrierEntry = await OtherCarrier.ListAsync(Trunk().EnterpriseId, Reason, state.Evidence);
        resources.AllocatedAt = await clock.SutNowAsync();
        Expect(answer, 201, "the other carrier's listing");
    }

    public async Task CarrierListsAsync() =>
        Expect(resources.LastAnswer = await Carrier.ListAsync(Trunk().EnterpriseId, Reason, state.Evidence), 201, "the listing");

    /// <summary>The carrier's operator reads the entry the other carrier published: its enterprise, listing carrier, reason and date.</summary>
    public async Task ExpectOtherCarriersEntryAsync()
    {
        var published = resources.OtherCarrierEntry ?? throw new InvalidOperationException("No other carrier listed anyone in this scenario.");
        var carrier = published.Field("carrier");
        Assert.That(carrier, Is.Not.Null.And.Not.Empty, $"the published entry names no listing carrier: {published.Body}");
        var answer = await Carrier.ListingsAsync(Trunk().EnterpriseId, state.Evidence);
        Expect(answer, 200, "the carrier's reading of the list");
        var entries = answer.Json.TryGetProperty("entries", out var e) && e.ValueKind == JsonValueKind.Array ? e.EnumerateArray().ToList() : [];
        var entry = entries.FirstOrDefault(x => Text(x, "carrier") == carrier && Text(x, "enterprise") == Trunk().EnterpriseId);
        Assert.That(entry.ValueKind, Is.EqualTo(JsonValueKind.Object), $"this carrier's operator does not find the entry {carrier} published: {answer.Body}");
        Assert.Multiple(() =>
        {
            Assert.That(Text(entry, "reason"), Is.EqualTo(Reason), $"the entry gives another reason: {entry}");
            Assert.That(Time(entry, "listedAt"), Is.Not.Null.And.InRange(resources.AllocatedAt!.Value - Slack, resources.AllocatedAt.Value + Slack), $"the entry gives no date of listing, or another: {entry}");
        });

        // The listing carrier is whoever published, not a name the request or the system made up: this carrier's own entry names another.
        await CarrierListsAsync();
        Assert.That(resources.LastAnswer!.Field("carrier"), Is.Not.Null.And.Not.EqualTo(carrier), $"an entry this carrier publishes names the same listing carrier as the other carrier's: {resources.LastAnswer.Body}");
    }

    public void Dispose()
    {
        _carrier?.Dispose();
        _otherCarrier?.Dispose();
    }

    private async Task<List<JsonElement>> AllocationsAsync(string by)
    {
        var value = by switch
        {
            "number" => resources.Number,
            "trunk" => Trunk().TrunkId,
            _ => Trunk().EnterpriseId,
        };
        var answer = await Carrier.AllocationsAsync(by, value, state.Evidence);
        Expect(answer, 200, $"the allocations of {by} {value}");
        Assert.That(answer.Json.TryGetProperty("allocations", out var list) && list.ValueKind == JsonValueKind.Array, Is.True, $"the answer has no \"allocations\" array: {answer.Body}");
        return list.EnumerateArray().ToList();
    }

    private static void ExpectSince(JsonElement allocation, DateTimeOffset asked, string what) =>
        Assert.That(Time(allocation, "since"), Is.Not.Null.And.InRange(asked - Slack, asked + Slack), $"{what} is not dated when it was made (around {asked:O}): {allocation}");

    private static void Expect(ApiAnswer answer, int status, string what) =>
        Assert.That(answer.Status, Is.EqualTo(status), $"{what} was answered {answer.Status}: {answer.Body}");

    private Uri Management() => run.RequireEndpoints().Management
        ?? throw new SutUnavailableException("the target declares no management API; add \"management\": { \"url\": \"http://…\" } to the target file");

    private ProvisionedTrunk Trunk() =>
        state.Trunk ?? throw new InvalidOperationException("The scenario provisioned no trunk; add a step 'Given an enterprise of sector … with a trunk in the access realm'.");

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static DateTimeOffset? Time(JsonElement element, string name) =>
        DateTimeOffset.TryParse(Text(element, name), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;

    private static string Caller(CallResult call) => call.Invite.From?.Uri.Number ?? string.Empty;

    /// <summary>The national significant number: systems may record numbers with or without +86.</summary>
    private static string National(string number)
    {
        var digits = new string(number.Where(char.IsAsciiDigit).ToArray());
        return digits.StartsWith("86", StringComparison.Ordinal) && digits.Length > 11 ? digits[2..] : digits;
    }
}
