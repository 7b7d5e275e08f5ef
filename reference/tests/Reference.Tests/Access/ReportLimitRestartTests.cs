using System.Net;
using System.Net.Http.Json;
using Microsoft.Data.Sqlite;
using Reference.Access;

namespace Reference.Tests.Access;

/// <summary>
/// A public reporter's limit outlives a restart of the node on the same store: the reports kept there are what the
/// limit counts, so a reporter at its limit is still refused by the restarted node, and another reporter is not.
/// </summary>
[NonParallelizable]
public sealed class ReportLimitRestartTests
{
    [Test]
    public async Task AReporterAtItsLimitIsStillRefusedAfterARestartOnTheSameStore()
    {
        var directory = Directory.CreateTempSubdirectory("reference-limits-").FullName;
        var storage = $"--Storage:Sqlite={Path.Combine(directory, "reference.db")}";
        string[] limits = ["--Api:Reports:PerReporter=3", "--Api:Reports:PerAddress=1000", "--Api:Reports:WindowSeconds=86400"];
        try
        {
            string busy, quiet;
            await using (var first = await RunningNode.StartAsync(storage, limits))
            {
                busy = Secret(first.As("subscriber-busy", Role.PublicReporter));
                quiet = Secret(first.As("subscriber-quiet", Role.PublicReporter));
                using var client = first.WithKey(busy);
                Assert.That(await Statuses(client, 3, "1391122000"), Is.EqualTo(new[] { 201, 201, 201 }));
            }

            await using var second = await RunningNode.StartAsync(storage, limits);
            using var again = second.WithKey(busy);
            using var refused = await Post(again, "13911220009");
            Assert.That((int)refused.StatusCode, Is.EqualTo(429), await refused.Content.ReadAsStringAsync());
            Assert.That(refused.Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.FromHours(23)).And.LessThanOrEqualTo(TimeSpan.FromDays(1)),
                "the window is the one the first node opened, a day from the first report");
            using var other = second.WithKey(quiet);
            Assert.That(await Statuses(other, 1, "1391122100"), Is.EqualTo(new[] { 201 }), "another reporter's window is its own");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static string Secret(HttpClient client) => client.DefaultRequestHeaders.Authorization!.Parameter!;

    private static async Task<int[]> Statuses(HttpClient client, int count, string prefix)
    {
        var statuses = new List<int>();
        for (var i = 0; i < count; i++)
        {
            using var response = await Post(client, prefix + i);
            statuses.Add((int)response.StatusCode);
        }

        return [.. statuses];
    }

    private static Task<HttpResponseMessage> Post(HttpClient client, string number) =>
        client.PostAsJsonAsync("/v1/reports", new { number, category = "harassment", channel = "app" });
}
