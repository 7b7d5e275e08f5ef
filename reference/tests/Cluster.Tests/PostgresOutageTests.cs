using System.Diagnostics;
using System.Net;
using System.Text;
using Npgsql;
using Reference.Storage;
using Reference.Tests.Storage;
using Screening;

namespace Cluster.Tests;

/// <summary>
/// PostgreSQL stopped under two running nodes and started again: screening goes on from memory, provisioning is
/// refused with a 503 problem (nothing half written), and once the store is back the change feed reconnects, a change
/// made through one node is in force on the other, and every write the API acknowledged is in the store.
/// </summary>
[NonParallelizable]
public sealed class PostgresOutageTests : TwoNodesOnPostgres
{

    [Test]
    public async Task ScreeningGoesOnProvisioningIsRefusedAndTheFeedCatchesUpWithNothingAcknowledgedLost()
    {
        using var a = Operator(A);
        var acknowledged = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            var number = $"137100000{i:D2}";
            using var added = await AddDoNotOriginate(a, number);
            Assert.That(added.StatusCode, Is.EqualTo(HttpStatusCode.Created), await added.Content.ReadAsStringAsync());
            acknowledged.Add(number);
        }

        await Poll.Eventually(() => B.Get<InMemoryDirectory>().IsDoNotOriginate(acknowledged[^1]), TimeSpan.FromSeconds(1), "node b knows the list before the outage");

        await Postgres!.StopAsync();
        var pipeline = B.Get<ScreeningPipeline>();
        Assert.Multiple(() =>
        {
            Assert.That(pipeline.Screen(Call(acknowledged[3], "c-1")).IsIntercepted, Is.True, "node b still screens a listed number from memory");
            Assert.That(pipeline.Screen(Call("13799998888", "c-2")).IsIntercepted, Is.False, "and admits others");
        });
        using var refused = await AddDoNotOriginate(a, "13710000099");
        var problem = await refused.Content.ReadAsStringAsync();
        Assert.Multiple(() =>
        {
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), problem);
            Assert.That(refused.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That(problem, Does.Contain("\"status\":503"));
            Assert.That(A.Get<InMemoryDirectory>().IsDoNotOriginate("13710000099"), Is.False, "a refused write changes nothing");
        });
        await Poll.Eventually(() => !Listening(A) && !Listening(B), TimeSpan.FromSeconds(10), "both nodes notice the channel is gone");

        await Postgres!.StartAgainAsync();
        await Poll.Eventually(() => Listening(A) && Listening(B), TimeSpan.FromSeconds(15),
            () => $"both nodes listen again (a: {A.Get<ChangeFeed>().LastError}; b: {B.Get<ChangeFeed>().LastError})");
        var clock = Stopwatch.StartNew();
        HttpResponseMessage after;
        while ((after = await AddDoNotOriginate(a, "13710000077")).StatusCode != HttpStatusCode.Created)
        {
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)), "provisioning works again: " + await after.Content.ReadAsStringAsync());
            after.Dispose();
            await Task.Delay(100);
        }

        after.Dispose();
        acknowledged.Add("13710000077");
        await Poll.Eventually(() => B.Get<InMemoryDirectory>().IsDoNotOriginate("13710000077"), TimeSpan.FromSeconds(1), "node b sees the change made on node a after the return");
        Assert.That(pipeline.Screen(Call("13710000077", "c-3")).IsIntercepted, Is.True);

        var stored = await StoredDoNotOriginate();
        Assert.Multiple(() =>
        {
            Assert.That(stored, Is.SupersetOf(acknowledged), "every acknowledged number is in the store");
            Assert.That(stored, Does.Not.Contain("13710000099"), "the refused one is not");
        });
    }

    private static CallAttempt Call(string caller, string callId) =>
        new(Realm.Interconnect, caller, null, "13512345678", "198.51.100.1:5060", callId, DateTimeOffset.UtcNow);

    private static HttpClient Operator(ClusterNode node)
    {
        var (_, key) = node.Get<Reference.Access.ApiKeyBook>().Issue([Reference.Access.Role.CarrierOperator], "outage", DateTimeOffset.UtcNow);
        var http = new HttpClient { BaseAddress = node.Address };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        return http;
    }

    private static Task<HttpResponseMessage> AddDoNotOriginate(HttpClient http, string number) =>
        http.PostAsync(new Uri("/v1/do-not-originate", UriKind.Relative), new StringContent($$"""{"numbers":["{{number}}"]}""", Encoding.UTF8, "application/json"));

    private async Task<List<string>> StoredDoNotOriginate()
    {
        await using var connection = new NpgsqlConnection(Postgres!.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT number FROM do_not_originate", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var numbers = new List<string>();
        while (await reader.ReadAsync())
        {
            numbers.Add(reader.GetString(0));
        }

        return numbers;
    }
}
