using Microsoft.Extensions.Logging.Abstractions;
using Reference.Storage;
using Reference.Tests.Storage;
using Reference.Traceback;
using Screening;

namespace Reference.Tests.Traceback;

/// <summary>
/// The retention sweep finds its cut-off by seq (migration 14 dropped the index by time): 25,000 records a second apart,
/// a thousand of them gone from the middle (numbers never reused, as after an earlier sweep or a refused batch), swept
/// at a cut-off that leaves the last 3,501. Every record older than the cut-off goes, in more than one slice, and every
/// other stays; on SQLite and on PostgreSQL.
/// </summary>
[NonParallelizable]
public sealed class CallRecordRetentionTests
{
    private const int Records = 25_000;
    private const int FirstKept = 21_500;
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [Test]
    public void OnSqliteEveryRecordBeforeTheCutOffGoesAndNoOther()
    {
        var file = Path.Combine(Path.GetTempPath(), $"retention-{Guid.NewGuid():N}.db");
        try
        {
            using var database = DirectoryStores.Sqlite(file).Database;
            SweepsExactly(database);
        }
        finally
        {
            foreach (var path in new[] { file, file + "-wal", file + "-shm" })
            {
                File.Delete(path);
            }
        }
    }

    [Test]
    public async Task OnPostgreSqlEveryRecordBeforeTheCutOffGoesAndNoOther()
    {
        if (PostgresServer.Missing() is { } missing)
        {
            Assert.Inconclusive(missing);
        }

        await using var server = await PostgresServer.StartAsync();
        using var database = DirectoryStores.PostgreSql(server.ConnectionString).Database;
        SweepsExactly(database);
    }

    [Test]
    public void AnEmptyTableIsSweptToNothing()
    {
        using var database = DirectoryStores.Sqlite(":memory:").Database;
        Assert.Multiple(() =>
        {
            Assert.That(database.Reading("seq", () => CallRecordSeq.FirstAtOrAfter(database, 0)), Is.Zero);
            Assert.That(Retention(database).Sweep(), Is.Zero);
        });
    }

    private static void SweepsExactly(SqlDatabase database)
    {
        using (var writer = new CallRecordWriter(database))
        {
            for (var i = 1; i <= Records; i++)
            {
                Assert.That(writer.TryRecord(new CallRecord(T0.AddSeconds(i), Realm.Access, null, "13700000000", "13800000000", null, $"call-{i}", "forward", "admitted")), Is.True);
            }
        }

        database.Write(tx => SqlDatabase.Execute(tx, "DELETE FROM call_records WHERE call_id IN (SELECT call_id FROM call_records ORDER BY seq LIMIT 1000 OFFSET 12000)"));
        var retention = Retention(database);

        var deleted = retention.Sweep();
        var left = database.Reading("call records", () => database.Read("SELECT MIN(at), COUNT(*) FROM call_records", r => (First: r.GetInt64(0), Count: r.GetInt64(1))))[0];
        var again = retention.Sweep();

        Assert.Multiple(() =>
        {
            Assert.That(deleted, Is.EqualTo(FirstKept - 1 - 1000), "every record before the cut-off, but for the thousand gone already");
            Assert.That(deleted, Is.GreaterThan(CallRecordRetention.Slice), "more than one slice");
            Assert.That(left.Count, Is.EqualTo(Records - FirstKept + 1));
            Assert.That(CallRecordWriter.At(left.First), Is.EqualTo(T0.AddSeconds(FirstKept)), "the first record at the cut-off stays");
            Assert.That(again, Is.Zero);
        });
    }

    /// <summary>Retention of a day, on a clock a day after the record numbered <see cref="FirstKept"/> was made.</summary>
    private static CallRecordRetention Retention(SqlDatabase database) =>
        new(database, new FixedTime(T0.AddSeconds(FirstKept).AddDays(1)), new TracebackOptions { Retention = TimeSpan.FromDays(1) }, NullLogger<CallRecordRetention>.Instance);

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
