using Labelling;
using Reference.Reporting;
using Reference.Storage;
using Reference.Tests.Storage;

namespace Reference.Tests.Reporting;

/// <summary>
/// A report's ticket and the label's report are one write: both kept or neither, on SQLite and on PostgreSQL; many
/// concurrent reports through the group commit each get their own ticket, and a repeat meets the open one.
/// </summary>
[NonParallelizable]
public sealed class TicketWithReportTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 7, 2, 0, 0, TimeSpan.Zero);

    [Test]
    public void WhenTheTicketCannotBeWrittenTheReportIsNotKeptEither()
    {
        using var store = DirectoryStores.Sqlite(":memory:");
        var (book, desk) = Desk(store);
        store.Database.Write(tx => SqlDatabase.Execute(tx, "DROP TABLE tickets"));

        Assert.Throws<StorageException>(() => desk.OpenWith(Draft(desk, "13900000001", "13700000001"), () => book.Report(Report("13900000001", "13700000001"))));

        Assert.That(Count(store.Database, "label_reports"), Is.Zero, "the report went with its ticket");
    }

    [Test]
    public void ConcurrentReportsOnSqliteEachKeepTicketAndReport()
    {
        var store = DirectoryStores.Sqlite(":memory:");
        store.Database.CommitTogether();
        Concurrent(store);
    }

    [Test]
    public async Task ConcurrentReportsOnPostgreSqlEachKeepTicketAndReport()
    {
        if (PostgresServer.Missing() is { } missing)
        {
            Assert.Inconclusive(missing);
        }

        await using var server = await PostgresServer.StartAsync();
        var database = DirectoryStores.PostgreSql(server.ConnectionString).Database;
        database.CommitTogether();
        Concurrent(new SqlDirectoryStore(database));
    }

    private static void Concurrent(SqlDirectoryStore store)
    {
        using (store)
        {
            var (book, desk) = Desk(store);
            var results = new (Ticket Ticket, bool Duplicate)[200];
            Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 16 }, i =>
            {
                // Every tenth is a repeat of the one before by the same reporter: it meets that ticket.
                var n = i % 10 == 9 ? i - 1 : i;
                var number = $"1390000{n:D4}";
                var reporter = $"1370000{n:D4}";
                if (i % 10 == 9)
                {
                    SpinWait.SpinUntil(() => results[i - 1].Ticket is not null);
                }

                var (ticket, duplicate, _) = desk.OpenWith(Draft(desk, number, reporter), () => book.Report(Report(number, reporter)));
                results[i] = (ticket, duplicate);
            });

            Assert.Multiple(() =>
            {
                Assert.That(Count(store.Database, "label_reports"), Is.EqualTo(200), "every report is kept, repeats included");
                Assert.That(Count(store.Database, "tickets"), Is.EqualTo(180), "one ticket per reporter and number");
                Assert.That(results.Count(r => r.Duplicate), Is.EqualTo(20));
                Assert.That(Enumerable.Range(0, 20).Select(k => 10 * k + 9).All(i => results[i].Ticket.Id == results[i - 1].Ticket.Id), Is.True, "a repeat answers the open ticket");
            });
        }
    }

    [Test]
    public void WhenTheKeysAnswerCannotBeWrittenNeitherReportNorTicketIsKept()
    {
        using var store = DirectoryStores.Sqlite(":memory:");
        var (book, desk) = Desk(store);
        store.Database.Write(tx => SqlDatabase.Execute(tx, "DROP TABLE ticket_idempotency"));

        Assert.ThrowsAsync<StorageException>(() => Keyed(book, desk, "13900000002", "13700000002", "key-1"));

        Assert.Multiple(() =>
        {
            Assert.That(Count(store.Database, "label_reports"), Is.Zero, "the report went with its key's answer");
            Assert.That(Count(store.Database, "tickets"), Is.Zero, "the ticket went with its key's answer");
        });
        Assert.That(book.Lookup("13900000002", At), Is.Null);
    }

    [Test]
    public async Task ConcurrentKeyedReportsOnSqliteAreOneWriteEach()
    {
        var store = DirectoryStores.Sqlite(":memory:");
        store.Database.CommitTogether();
        await ConcurrentKeyed(store);
    }

    [Test]
    public async Task ConcurrentKeyedReportsOnPostgreSqlAreOneWriteEach()
    {
        if (PostgresServer.Missing() is { } missing)
        {
            Assert.Inconclusive(missing);
        }

        await using var server = await PostgresServer.StartAsync();
        var database = DirectoryStores.PostgreSql(server.ConnectionString).Database;
        database.CommitTogether();
        await ConcurrentKeyed(new SqlDirectoryStore(database));
    }

    /// <summary>
    /// 200 keyed reports at once, every tenth a repeat of the one before: each is one write in the group commit, and the
    /// answer kept for its key names the ticket it was answered with, a repeat's as a duplicate of the open ticket.
    /// </summary>
    private static async Task ConcurrentKeyed(SqlDirectoryStore store)
    {
        using (store)
        {
            var (book, desk) = Desk(store);
            var firsts = Enumerable.Range(0, 200).Where(i => i % 10 != 9).Select(i => Keyed(book, desk, $"1390000{i:D4}", $"1370000{i:D4}", $"key-{i}")).ToList();
            var first = await Task.WhenAll(firsts);
            var repeats = await Task.WhenAll(Enumerable.Range(0, 20).Select(k => 10 * k + 8).Select(i => Keyed(book, desk, $"1390000{i:D4}", $"1370000{i:D4}", $"key-{i + 1}")));
            var kept = store.Database.Reading("keys", () => store.Database.Read("SELECT idem_key, ticket_id, response FROM ticket_idempotency", r => (Key: r.GetString(0), Ticket: r.GetString(1), Response: r.GetString(2))))
                .ToDictionary(k => k.Key);

            Assert.Multiple(() =>
            {
                Assert.That(store.Database.CommittedTogether.Writes, Is.EqualTo(200), "one write per report: report, ticket and key's answer together");
                Assert.That(Count(store.Database, "label_reports"), Is.EqualTo(200));
                Assert.That(Count(store.Database, "tickets"), Is.EqualTo(180));
                Assert.That(kept, Has.Count.EqualTo(200), "every key's answer is kept");
                Assert.That(repeats.All(r => r.Duplicate), Is.True, "a repeat meets the open ticket");
                foreach (var (ticket, duplicate, answer, key) in first.Concat(repeats))
                {
                    Assert.That(kept[key].Ticket, Is.EqualTo(ticket.Id), key);
                    Assert.That(kept[key].Response, Is.EqualTo(answer), $"{key}: the kept answer is the one given (duplicate {duplicate})");
                }
            });
        }
    }

    private static async Task<(Ticket Ticket, bool Duplicate, string Answer, string Key)> Keyed(LabelBook book, TicketDesk desk, string number, string reporter, string key)
    {
        var draft = Draft(desk, number, reporter);
        var fingerprint = IdempotencyKeys.Fingerprint(number, reporter);
        var (ticket, duplicate, result) = await desk.OpenWithAsync(draft, new IdempotencyRecord("key:test", key, fingerprint, At), () => book.ReportAsync(Report(number, reporter)), Answer);
        return (ticket, duplicate, Answer(ticket, duplicate, result), key);

        static string Answer(Ticket t, bool d, ReportResult r) =>
            System.Text.Json.JsonSerializer.Serialize(new { ticket = t.Id, duplicate = d, counted = r.Outcome == ReportOutcome.Counted, label = r.Label?.Category.Code() },
                new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web));
    }

    private static (LabelBook Book, TicketDesk Desk) Desk(SqlDirectoryStore store)
    {
        var options = new ReportingOptions();
        var book = new LabelBook(LabelParameters.Defaults, store.Labels);
        return (book, new TicketDesk(new SqlTicketStore(store.Database), new HolidayCalendars(store.Database, options), DepartmentRoutes.Read(null), options));
    }

    private static Ticket Draft(TicketDesk desk, string number, string reporter) => desk.Draft(number, LabelCategory.Fraud, "app", "number:" + reporter, "text", At);

    private static NumberReport Report(string number, string reporter) => new(number, LabelCategory.Fraud, "number:" + reporter, "app", "text", At);

    private static long Count(SqlDatabase database, string table) =>
        database.Reading(table, () => database.Read($"SELECT count(*) FROM {table}", r => Convert.ToInt64(r.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)).Single());
}
