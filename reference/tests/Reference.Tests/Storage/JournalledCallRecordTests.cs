using Microsoft.Data.Sqlite;
using Reference.Storage;
using Screening;

namespace Reference.Tests.Storage;

/// <summary>
/// With a journal, the writer stores the records from the journal's own bytes: what went in comes back from the store
/// field for field (absent trunks and origids, empty, long and non-ASCII values among them), over several turns of a
/// small journal's ring, on SQLite and on PostgreSQL; and the intercepted calls per hour agree with the records.
/// </summary>
[NonParallelizable]
public sealed class JournalledCallRecordTests
{
    // A ring of 64 KB and records of more than 500 bytes each: the rounds below turn it more than three times.
    private const long JournalBytes = 64 << 10;
    private const int Rounds = 12;
    private const int PerRound = 37;

    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private string _directory = null!;

    [SetUp]
    public void MakeDirectory() => _directory = Directory.CreateTempSubdirectory("reference-journalled-").FullName;

    [TearDown]
    public void RemoveDirectory()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Test]
    public async Task OnSqliteEveryRecordComesBackAsItWentInAcrossTheTurnsOfTheRing()
    {
        var file = Path.Combine(_directory, "reference.db");
        using var database = DirectoryStores.Sqlite(file).Database;
        await WriteAndCheckAsync(database);
    }

    [Test]
    public async Task OnPostgreSqlEveryRecordComesBackAsItWentInAcrossTheTurnsOfTheRing()
    {
        if (PostgresServer.Missing() is { } missing)
        {
            Assert.Inconclusive(missing);
        }

        await using var server = await PostgresServer.StartAsync();
        using var database = DirectoryStores.PostgreSql(server.ConnectionString).Database;
        await WriteAndCheckAsync(database);
    }

    private async Task WriteAndCheckAsync(SqlDatabase database)
    {
        var records = Enumerable.Range(0, Rounds * PerRound).Select(Record).ToArray();
        Assert.That(records.Sum(r => r.CallId.Length), Is.GreaterThan(3 * JournalBytes), "the records take the ring round more than three times");

        using (var writer = new CallRecordWriter(database, journal: Path.Combine(_directory, "calls"), journalBytes: JournalBytes))
        {
            // A round is less than half the ring, and the store takes it before the next: no record is ever refused.
            for (var round = 0; round < Rounds; round++)
            {
                foreach (var record in records.AsSpan(round * PerRound, PerRound))
                {
                    Assert.That(writer.TryRecord(record), Is.True, $"record {record.CallId[..12]} had room in the journal");
                }

                Assert.That(await writer.CaughtUpAsync(TimeSpan.FromSeconds(30), CancellationToken.None), Is.True);
            }

            writer.Dispose();
            Assert.Multiple(() =>
            {
                Assert.That(writer.Dropped, Is.Zero);
                Assert.That(writer.Failed, Is.Zero);
                Assert.That(writer.Written, Is.EqualTo(records.Length));
            });
        }

        var stored = database.Reading("call records", () => database.Read(
            "SELECT at, realm, trunk, calling, called, origid, call_id, decision, reason FROM call_records_text ORDER BY seq",
            r => new CallRecord(CallRecordWriter.At(r.GetInt64(0)), Enum.Parse<Realm>(r.GetString(1), ignoreCase: true), r.IsDBNull(2) ? null : r.GetString(2),
                r.GetString(3), r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5), r.GetString(6), r.GetString(7), r.GetString(8))));
        var realms = database.Reading("realms", () => database.Read("SELECT DISTINCT realm FROM call_records_text", r => r.GetString(0)));
        var coded = OrigIdsCoded(database);
        var fromRecords = Counts(database, "SELECT at / 3600000000, reason, COUNT(*) FROM call_records_text WHERE decision = 'intercept' GROUP BY at / 3600000000, reason");
        var fromHours = Counts(database, "SELECT hour, reason, calls FROM call_record_hours");
        Assert.Multiple(() =>
        {
            Assert.That(stored, Is.EqualTo(records), "every record, field for field, in order");
            Assert.That(realms, Is.EquivalentTo(new[] { "access", "interconnect", "international" }), "the realm as its code");
            Assert.That(coded, Is.EqualTo(records.Count(r => r.OrigId is not null)).And.Positive, "every origid stored as its code (migration 20)");
            Assert.That(fromHours, Is.EquivalentTo(fromRecords).And.Not.Empty, "the intercepted calls per hour and reason");
        });
    }

    /// <summary>The records whose origid column holds the code of a text: all those with an origid, once the origid is coded.</summary>
    internal static long OrigIdsCoded(SqlDatabase database) => database.Reading("origid codes", () => database.Read(
        "SELECT COUNT(*) FROM call_records c JOIN call_record_codes o ON o.code = c.origid", r => Convert.ToInt64(r.GetValue(0)))).Single();

    private static List<(long Hour, string Reason, long Calls)> Counts(SqlDatabase database, string sql) =>
        database.Reading("counts", () => database.Read(sql, r => (Convert.ToInt64(r.GetValue(0)), r.GetString(1), Convert.ToInt64(r.GetValue(2)))));

    /// <summary>
    /// Records of every realm, with and without trunk and origid, an empty calling number now and then, texts beyond
    /// ASCII, Call-IDs of 500 to some 1,500 bytes, over three hours and two intercept reasons.
    /// </summary>
    private static CallRecord Record(int i) => new(
        T0.AddMinutes(i * 2 % 180).AddTicks(i * 10L), (Realm)(i % 3), i % 2 == 0 ? $"trunk-{i % 7}-é" : null,
        i % 11 == 0 ? string.Empty : $"+86138{i:D8}", $"1390000{i % 100:D4}", i % 5 == 0 ? null : $"origid-{i}-{new string('o', i % 40)}",
        $"{i:D12}-{new string((char)('a' + (i % 26)), 500 + (i % 200))}-呼叫@127.0.0.1",
        i % 4 == 0 ? "forward" : "intercept", i % 4 == 0 ? "admitted" : i % 3 == 0 ? "拒绝-spoofed" : "one-ring");
}
