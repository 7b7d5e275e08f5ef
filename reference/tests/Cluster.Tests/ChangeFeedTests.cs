using System.Diagnostics;
using Labelling;
using Reference.Storage;
using Reference.Tests.Storage;
using Screening;

namespace Cluster.Tests;

/// <summary>
/// Two nodes on one real PostgreSQL store: what is provisioned or reported through one is in force on the other
/// within a second, through LISTEN/NOTIFY, while both still screen from memory; with the store gone, screening goes on
/// and provisioning is refused with nothing changed.
/// </summary>
[NonParallelizable]
public sealed class ChangeFeedTests : TwoNodesOnPostgres
{
    private static readonly TimeSpan InForceWithin = TimeSpan.FromSeconds(1);

    [Test]
    public async Task ADoNotOriginateNumberAddedOnOneNodeIsScreenedOnTheOtherWithinASecond()
    {
        A.Get<InMemoryDirectory>().AddDoNotOriginate(["13711112222", "13711113333"]);

        await Poll.Eventually(() => B.Get<InMemoryDirectory>().IsDoNotOriginate("13711113333"), InForceWithin, "node b knows the number");
        var call = new CallAttempt(Realm.Interconnect, "13711112222", null, "13512345678", "198.51.100.1:5060", "dno-1", DateTimeOffset.UtcNow);
        Assert.That(B.Get<ScreeningPipeline>().Screen(call).IsIntercepted, Is.True, "node b intercepts the call from its memory");
    }

    [Test]
    public async Task AnEnterpriseAndItsTrunkProvisionedOnOneNodeAreKnownOnTheOther()
    {
        var a = A.Get<InMemoryDirectory>();
        Assert.That(a.TryAdd(new Enterprise("e-cluster", "Cluster Ltd", Screening.Directory.Sector.Finance)), Is.True);
        Assert.That(a.TryAdd(new TrunkRecord("t-cluster", "e-cluster", Realm.Access, "192.0.2.77:5060"),
            [new Screening.Directory.AllocatedRange("13900000000", "13900000999", "e-cluster", InboundOnly: false)]), Is.Null);

        var b = B.Get<InMemoryDirectory>();
        await Poll.Eventually(() => b.TrunkAt("192.0.2.77:5060") is not null && b.RangeOf("13900000500") is not null, InForceWithin, "node b knows the trunk and its range");
        Assert.Multiple(() =>
        {
            Assert.That(b.TrunkAt("192.0.2.77:5060")!.EnterpriseId, Is.EqualTo("e-cluster"));
            Assert.That(b.RangeCount, Is.EqualTo(1), "the range once, not again for each notification");
        });
    }

    [Test]
    public async Task ReportsMadeThroughOneNodeLabelTheNumberOnTheOther()
    {
        var book = A.Get<LabelBook>();
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < book.Parameters.Reporters; i++)
        {
            book.Report(new NumberReport("13722223333", LabelCategory.Fraud, $"reporter-{i}", "app", "rang and hung up", now));
        }

        Assert.That(book.Lookup("13722223333", now), Is.Not.Null, "labelled on node a");
        await Poll.Eventually(() => B.Get<LabelBook>().Lookup("13722223333", now) is not null, InForceWithin, "node b shows the label");
        Assert.That(B.Get<LabelBook>().Lookup("13722223333", now)!.Category, Is.EqualTo(LabelCategory.Fraud));
    }

    [Test]
    public async Task WithTheStoreGoneScreeningGoesOnFromMemoryAndProvisioningChangesNothing()
    {
        A.Get<InMemoryDirectory>().AddDoNotOriginate(["13744445555"]);
        await Poll.Eventually(() => B.Get<InMemoryDirectory>().IsDoNotOriginate("13744445555"), InForceWithin, "node b knows the number");

        await Postgres!.DisposeAsync();
        Postgres = null;
        var b = B.Get<InMemoryDirectory>();
        Assert.Multiple(() =>
        {
            Assert.That(b.IsDoNotOriginate("13744445555"), Is.True, "still screened from memory");
            Assert.Throws<StorageException>(() => b.AddDoNotOriginate(["13766667777"]));
            Assert.That(b.IsDoNotOriginate("13766667777"), Is.False, "a refused write leaves memory as it was");
        });
        await Poll.Eventually(() => !B.Get<ChangeFeed>().Listening, TimeSpan.FromSeconds(10), "node b notices the channel is gone");
    }

    [Test]
    public async Task TheTestClockMovedThroughOneNodeMovesOnTheOther()
    {
        var (_, key) = A.Get<Reference.Access.ApiKeyBook>().Issue([Reference.Access.Role.CarrierOperator], "clock", DateTimeOffset.UtcNow);
        using var http = new HttpClient { BaseAddress = A.Address };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        using var moved = await http.PostAsync(new Uri("/v1/test/clock/advance", UriKind.Relative),
            new StringContent("""{"seconds": 86400}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.That(moved.IsSuccessStatusCode, Is.True, await moved.Content.ReadAsStringAsync());

        var b = B.Get<Reference.Clock.TestClock>();
        await Poll.Eventually(() => b.Offset >= TimeSpan.FromHours(24), InForceWithin, "node b's clock runs a day ahead too");
        Assert.That(b.Offset, Is.LessThan(TimeSpan.FromHours(24.1)));
    }

    [Test]
    public async Task AKeyIssuedThroughOneNodeWorksOnTheOtherUntilRevokedThroughEither()
    {
        using var adminA = Client(A, ClusterNode.AdminKey);
        using var issued = await adminA.PostAsync(new Uri("/v1/api-keys", UriKind.Relative), Json("""{"roles":["appeal-desk"],"account":"desk-1"}"""));
        Assert.That(issued.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.Created), await issued.Content.ReadAsStringAsync());
        using var body = System.Text.Json.JsonDocument.Parse(await issued.Content.ReadAsStringAsync());
        var secret = body.RootElement.GetProperty("key").GetString()!;
        var id = body.RootElement.GetProperty("id").GetString()!;

        using var onB = Client(B, secret);
        await EventuallyAsync(async () => (await onB.GetAsync(new Uri("/v1/appeals/appeal-none", UriKind.Relative))).StatusCode == System.Net.HttpStatusCode.NotFound,
            InForceWithin, "node b takes the key (a 404 for a missing appeal, not a 401)");

        using var adminB = Client(B, ClusterNode.AdminKey);
        using var revoked = await adminB.DeleteAsync(new Uri($"/v1/api-keys/{id}", UriKind.Relative));
        Assert.That(revoked.IsSuccessStatusCode, Is.True, "node b revokes a key node a issued: " + await revoked.Content.ReadAsStringAsync());
        using var onA = Client(A, secret);
        await EventuallyAsync(async () => (await onA.GetAsync(new Uri("/v1/appeals/appeal-none", UriKind.Relative))).StatusCode == System.Net.HttpStatusCode.Unauthorized,
            InForceWithin, "node a refuses the key node b revoked");
        Assert.That((await onB.GetAsync(new Uri("/v1/appeals/appeal-none", UriKind.Relative))).StatusCode, Is.EqualTo(System.Net.HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task AnAppealFiledOnOneNodeIsSeenAndDecidedOnTheOther()
    {
        var now = DateTimeOffset.UtcNow;
        var book = A.Get<LabelBook>();
        for (var i = 0; i < book.Parameters.Reporters; i++)
        {
            book.Report(new NumberReport("13733334444", LabelCategory.Harassment, $"reporter-{i}", "app", string.Empty, now));
        }

        var appeal = A.Get<Labelling.Appeals.AppealDesk>().File("13733334444", "Holder Ltd", Labelling.Appeals.AppealReason.Other, "not us", now);
        Assert.That(appeal.State, Is.EqualTo(Labelling.Appeals.AppealState.Pending));
        var deskB = B.Get<Labelling.Appeals.AppealDesk>();
        await Poll.Eventually(() => deskB.Find(appeal.Id) is not null, InForceWithin, "node b knows the appeal");
        Assert.That(deskB.Find(appeal.Id)!.Text, Is.EqualTo("not us"), "read as it stands, its text included");

        Assert.That(deskB.Decide(appeal.Id, clear: true, "checked the records", DateTimeOffset.UtcNow)?.State, Is.EqualTo(Labelling.Appeals.AppealState.Cleared));
        var deskA = A.Get<Labelling.Appeals.AppealDesk>();
        await Poll.Eventually(() => deskA.Find(appeal.Id)?.State == Labelling.Appeals.AppealState.Cleared && book.Lookup("13733334444", DateTimeOffset.UtcNow) is null,
            InForceWithin, "node a shows the decision and the label cleared");
    }

    [Test]
    public async Task ASigningPeerAddedOnOneNodeMustSignOnTheOther()
    {
        A.Get<Reference.CallerAuthentication.SigningPeers>().Add(System.Net.IPEndPoint.Parse("192.0.2.55:5080"));
        await Poll.Eventually(() => B.Get<Reference.CallerAuthentication.SigningPeers>().MustSign("192.0.2.55:5080"), InForceWithin, "node b requires the peer's signature");
        Assert.That(B.Get<Reference.CallerAuthentication.SigningPeers>().MustSign("192.0.2.56:5080"), Is.False);
    }

    private static HttpClient Client(ClusterNode node, string key)
    {
        var http = new HttpClient { BaseAddress = node.Address };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        return http;
    }

    private static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    private static async Task EventuallyAsync(Func<Task<bool>> condition, TimeSpan within, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.That(clock.Elapsed, Is.LessThan(within), $"not within {within.TotalSeconds} s: {what}");
            await Task.Delay(20);
        }
    }
}
