using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Reference.Resources;
using Sip;

namespace Reference.Tests.Resources;

/// <summary>
/// Contract sanctions and trunk audits on real loopback sockets and a SQLite file: a suspended trunk's calls are
/// intercepted with the profile's response (emergency calls excepted) until the suspension is lifted; an audit flags
/// the calls that presented numbers outside the trunk's allocated block, from the call records.
/// </summary>
[NonParallelizable]
public sealed class SanctionAndAuditTests
{
    private const string Callee = "13812345678";

    private string _directory = null!;

    [SetUp]
    public void MakeDirectory() => _directory = Directory.CreateTempSubdirectory("reference-resources-").FullName;

    [TearDown]
    public void RemoveDirectory()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Test]
    public async Task ASuspendedTrunksCallIsInterceptedUntilTheSuspensionIsLiftedAndEmergencyCallsAlwaysGoThrough()
    {
        await using var callee = new SipPeer();
        await using var trunk = new SipPeer();
        await using var node = await StartAsync(callee);
        await ProvisionAsync(node, trunk);

        using var suspended = await node.Http.PutAsJsonAsync("/v1/trunks/trunk-s1/suspension", new { reason = "harassing calls" });
        await trunk.SendAsync(trunk.Invite(node.Access, "13700001234", Callee), node.Access);
        var blocked = await trunk.ResponseAsync(603);
        await trunk.SendAsync(trunk.Invite(node.Access, "13700001234", "110"), node.Access);
        var emergency = await callee.RequestAsync("INVITE");
        using var lifted = await node.Http.DeleteAsync(new Uri("/v1/trunks/trunk-s1/suspension", UriKind.Relative));
        using var after = await node.Http.GetAsync(new Uri("/v1/trunks/trunk-s1/suspension", UriKind.Relative));
        var again = trunk.Invite(node.Access, "13700001234", Callee);
        await trunk.SendAsync(again, node.Access);
        var forwarded = await callee.NextAsync<SipRequest>(r => r.Method == "INVITE" && r.CallId == again.CallId);

        Assert.Multiple(async () =>
        {
            Assert.That(suspended.StatusCode, Is.EqualTo(HttpStatusCode.OK), await suspended.Content.ReadAsStringAsync());
            Assert.That(blocked.Headers[HeaderNames.Reason], Does.StartWith("SIP;cause=603"), "the profile's Reason, as any interception");
            Assert.That(blocked.Headers[HeaderNames.Warning], Does.Contain(SanctionGate.Reason));
            Assert.That(emergency.RequestUri, Does.StartWith("sip:110@"), "an emergency call of a suspended trunk still goes through");
            Assert.That(lifted.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "no suspension in force after lifting");
            Assert.That(forwarded.CallId, Is.EqualTo(again.CallId));
        });
    }

    [Test]
    public async Task TheSuspensionOfAnUnknownTrunkIsRefusedAndLiftingNoSuspensionIs404()
    {
        await using var callee = new SipPeer();
        await using var node = await StartAsync(callee);

        using var unknown = await node.Http.PutAsJsonAsync("/v1/trunks/nowhere/suspension", new { reason = "x" });
        using var none = await node.Http.DeleteAsync(new Uri("/v1/trunks/nowhere/suspension", UriKind.Relative));

        Assert.Multiple(() =>
        {
            Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(none.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        });
    }

    [Test]
    public async Task AnAuditFlagsTheCallsPresentingNumbersOutsideTheTrunksBlockWithTheirRecords()
    {
        await using var callee = new SipPeer();
        await using var trunk = new SipPeer();
        await using var node = await StartAsync(callee);
        await ProvisionAsync(node, trunk);
        (await node.Http.PostAsJsonAsync("/v1/qualifications", new { enterprise = "ent-s1", businessScope = "customer service", connectsTo = "Beijing", use = "hotline", validUntil = DateTimeOffset.UtcNow.AddYears(1) })).EnsureSuccessStatusCode();
        // The trunk's block is allocated narrower than its provisioned range: a call inside the range but outside the block is forwarded, and flagged.
        (await node.Http.PostAsJsonAsync("/v1/allocations", new { block = new { first = "13700000000", last = "13700000999" }, trunk = "trunk-s1", holder = "ent-s1" })).EnsureSuccessStatusCode();

        var inside = trunk.Invite(node.Access, "13700000123", Callee);
        await trunk.SendAsync(inside, node.Access);
        await callee.NextAsync<SipRequest>(r => r.Method == "INVITE" && r.CallId == inside.CallId);
        var rangeOnly = trunk.Invite(node.Access, "13700005555", Callee);
        await trunk.SendAsync(rangeOnly, node.Access);
        await callee.NextAsync<SipRequest>(r => r.Method == "INVITE" && r.CallId == rangeOnly.CallId);
        var spoofed = trunk.Invite(node.Access, "13912340000", Callee);
        await trunk.SendAsync(spoofed, node.Access);
        await trunk.NextAsync<SipResponse>(r => r.StatusCode == 603 && r.CallId == spoofed.CallId);

        using var response = await node.Http.GetAsync(new Uri("/v1/trunks/trunk-s1/audit", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        var findings = JsonDocument.Parse(body).RootElement.GetProperty("findings").EnumerateArray().ToList();

        Assert.Multiple(() =>
        {
            Assert.That(findings.Select(f => f.GetProperty("callId").GetString()), Is.EquivalentTo(new[] { rangeOnly.CallId, spoofed.CallId }));
            Assert.That(findings.Select(f => f.GetProperty("calling").GetString()), Is.EquivalentTo(new[] { "13700005555", "13912340000" }));
            Assert.That(findings.Select(f => f.GetProperty("decision").GetString()), Is.EquivalentTo(new[] { "forward", "intercept" }));
            Assert.That(findings.All(f => Guid.TryParse(f.GetProperty("origid").GetString(), out _)), Is.True, "each finding carries the origid of the trunk's entry point");
        });
    }

    [Test]
    public async Task AnAuditOfANodeWithoutCallRecordsIsRefused503()
    {
        await using var callee = new SipPeer();
        await using var trunk = new SipPeer();
        await using var node = await StartAsync(callee, "--CallRecords:Enabled=false");
        await ProvisionAsync(node, trunk);

        using var response = await node.Http.GetAsync(new Uri("/v1/trunks/trunk-s1/audit", UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
    }

    private Task<ProxyingNode> StartAsync(SipPeer callee, params string[] settings) =>
        ProxyingNode.StartAsync(callee.EndPoint, ["--TestMode:Enabled=true", $"--Storage:Sqlite={Path.Combine(_directory, "reference.db")}", .. settings]);

    private static async Task ProvisionAsync(ProxyingNode node, SipPeer trunk)
    {
        (await node.Http.PostAsJsonAsync("/v1/enterprises", new { id = "ent-s1", name = "Enterprise S1", sector = "other" })).EnsureSuccessStatusCode();
        (await node.Http.PostAsJsonAsync("/v1/trunks", new
        {
            id = "trunk-s1",
            enterpriseId = "ent-s1",
            realm = "access",
            source = trunk.EndPoint.ToString(),
            ranges = new[] { new { first = "13700000000", last = "13700009999", inboundOnly = false } },
        })).EnsureSuccessStatusCode();
    }
}
