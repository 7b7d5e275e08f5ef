using Microsoft.Data.Sqlite;
using Reference.Storage;
using Screening;

namespace Reference.Tests.Storage;

/// <summary>
/// The call-record writer against a SQLite file and a real PostgreSQL server: every record queued is in the store once
/// the writer is disposed, field for field; a full queue drops and counts instead of waiting; a response waiting for a
/// record is released once the record is written (or refused), never before.
/// </summary>
[NonParallelizable]
public sealed class CallRecordWriterTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Test]
    public void EveryQueuedRecordIsInTheSqliteStoreAfterDisposal()
    {
        var directory = Directory.CreateTempSubdirectory("reference-calls-").FullName;
        try
        {
            var file = Path.Combine(directory, "reference.db");
            WriteAndCheck(DirectoriesDatabase(file), () => DirectoriesDatabase(file));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    [Test]
    public async Task EveryQueuedRecordIsInThePostgreSqlStoreAfterDisposal()
    {
        if (PostgresServer.Missing() is { } missing)
        {
            Assert.Inconclusive(missing);
        }

        await using var server = await PostgresServer.StartAsync();
        WriteAndCheck(DirectoryStores.PostgreSql(server.ConnectionString).Database, () => DirectoryStores.PostgreSql(server.ConnectionString).Database);
    }

    [Test]
    public void AFullQueueDropsAndCountsRatherThanWaiting()
    {
        using var database = DirectoryStores.Sqlite(":memory:").Database;
        // The writer's thread may take one record off before the rest arrive; the queue of 10 holds 10 more at most.
        using (var writer = new CallRecordWriter(database, capacity: 10))
        {
            var accepted = Enumerable.Range(0, 1000).Count(i => writer.TryRecord(Record(i)));
            Assert.That(accepted, Is.LessThan(1000));
            Assert.That(writer.Dropped, Is.EqualTo(1000 - accepted));
        }
    }

    [Test]
    public async Task AReaderWaitingForTheRecordsCutsTheLingerShort()
    {
        using var database = DirectoryStores.Sqlite(":memory:").Database;
        // Lingering a minute, the writer would let the reader's five seconds pass; a reader's wait wakes it instead.
        using var writer = new CallRecordWriter(database, linger: TimeSpan.FromMinutes(1));
        Assert.That(writer.TryRecord(Record(1)), Is.True);
        Assert.That(await writer.CaughtUpAsync(TimeSpan.FromSeconds(5), CancellationToken.None), Is.True);
        Assert.That(writer.Written, Is.EqualTo(1));
    }

    [Test]
    public async Task AResponseWaitingForARecordIsReleasedOnlyOnceItIsWritten()
    {
        using var database = DirectoryStores.Sqlite(":memory:").Database;
        using var writer = new CallRecordWriter(database, linger: TimeSpan.FromMilliseconds(300));
        Assert.That(writer.TryRecord(Record(1)), Is.True);
        var waiter = new Waiter(writer);

        var passed = writer.PassOrWait(writer.Recorded, waiter);
        var released = await waiter.Released.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Multiple(() =>
        {
            Assert.That(passed, Is.False, "the record is still lingering in the queue");
            Assert.That(released, Is.EqualTo(1), "records written when the waiter was released");
            Assert.That(writer.PassOrWait(writer.Recorded, new Waiter(writer)), Is.True, "a ticket already written passes at once");
        });
    }

    [Test]
    public async Task ARefusedBatchStillReleasesItsResponses()
    {
        using var database = DirectoryStores.Sqlite(":memory:").Database;
        using var writer = new CallRecordWriter(database, linger: TimeSpan.FromMilliseconds(300));
        database.Write(tx => SqlDatabase.Execute(tx, "DROP TABLE call_records"));
        Assert.That(writer.TryRecord(Record(1)), Is.True);
        var waiter = new Waiter(writer);

        Assert.That(writer.PassOrWait(writer.Recorded, waiter), Is.False);
        await waiter.Released.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.That(writer.Failed, Is.EqualTo(1), "the call goes on without its record, which is counted as failed");
    }

    [Test]
    public async Task WithAJournalAResponseGoesAtOnceTheRecordInTheFileAndTheStoreGetsItLater()
    {
        var directory = Directory.CreateTempSubdirectory("reference-journal-").FullName;
        try
        {
            var file = Path.Combine(directory, "reference.db");
            using var database = DirectoriesDatabase(file);
            using var writer = new CallRecordWriter(database, journal: file + "-calls");
            Assert.That(writer.TryRecord(Record(1)), Is.True);
            var passed = writer.PassOrWait(writer.Recorded, new Waiter(writer));
            var writtenWhenPassed = writer.Written;
            var inFile = CallRecordJournalReader.Read(file + "-calls");
            Assert.That(await writer.CaughtUpAsync(TimeSpan.FromSeconds(10), CancellationToken.None), Is.True);

            Assert.Multiple(() =>
            {
                Assert.That(passed, Is.True, "the record was kept when it was queued: the response waits for nothing");
                Assert.That(inFile, Is.EqualTo(new[] { Record(1) }), "the record is in the journal when the response goes");
                Assert.That(writtenWhenPassed, Is.Zero, "the store had not got it yet: the response did not wait for a transaction");
                Assert.That(writer.Written, Is.EqualTo(1), "a reader's wait puts it in the store");
            });
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    [Test]
    public void RecordsTheJournalHeldAndTheStoreDidNotAreStoredAtStartOnce()
    {
        var directory = Directory.CreateTempSubdirectory("reference-journal-").FullName;
        try
        {
            var file = Path.Combine(directory, "reference.db");
            var journal = file + "-calls";
            // A node that died after its journal took records 0-9 and before the store did: the file alone holds them,
            // with a record cut short after them.
            using (var database = DirectoriesDatabase(file))
            {
                using var started = new CallRecordWriter(database, journal: journal);
            }

            CallRecordJournalReader.Append(journal, Enumerable.Range(0, 10).Select(Record).ToArray());
            using (var stream = new FileStream(journal, FileMode.Open, FileAccess.ReadWrite))
            {
                // Where the eleventh would have gone: a length and some of its bytes, no head naming it.
                stream.Position = CallRecordJournal.Read(journal, 0, 0).End;
                stream.Write("\u0001cut"u8);
            }

            int recovered;
            using (var database = DirectoriesDatabase(file))
            {
                using (var writer = new CallRecordWriter(database, journal: journal))
                {
                    recovered = writer.Recovered;
                }

                using var again = new CallRecordWriter(database, journal: journal);
                Assert.That(again.Recovered, Is.Zero, "what was recovered is not recovered twice");
            }

            using var reading = DirectoriesDatabase(file);
            var ids = reading.Reading("call records", () => reading.Read("SELECT call_id FROM call_records_text ORDER BY seq", r => r.GetString(0)));
            Assert.Multiple(() =>
            {
                Assert.That(recovered, Is.EqualTo(10));
                Assert.That(ids, Is.EqualTo(Enumerable.Range(0, 10).Select(i => Record(i).CallId)));
            });
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    [Test]
    public void RecordsQueuedWhileTheWriterWritesAreWrittenInTheNextBatch()
    {
        using var database = DirectoryStores.Sqlite(":memory:").Database;
        // A capacity below the first array's size and more records than it, queued in bursts: the two arrays swap many times.
        long written;
        using (var writer = new CallRecordWriter(database, capacity: 700, linger: TimeSpan.FromMilliseconds(1)))
        {
            var accepted = 0;
            for (var burst = 0; burst < 20; burst++)
            {
                accepted += Enumerable.Range(burst * 300, 300).Count(i => writer.TryRecord(Record(i)));
                Thread.Sleep(5);
            }

            writer.Dispose();
            Assert.That(writer.Written + writer.Dropped, Is.EqualTo(6000));
            Assert.That(writer.Written, Is.EqualTo(accepted));
            written = writer.Written;
        }

        var rows = database.Reading("call records", () => database.Read("SELECT count(*), count(DISTINCT call_id) FROM call_records_text", r => (r.GetInt64(0), r.GetInt64(1))));
        Assert.That(rows.Single(), Is.EqualTo((written, written)));
    }

    [Test]
    public void ValuesOfAnyLengthAndScriptAreStoredAsQueued()
    {
        using var database = DirectoryStores.Sqlite(":memory:").Database;
        // Two statements of many rows whose values outgrow the writer's first buffer, an empty number (not NULL) and text
        // beyond ASCII among them.
        var records = Enumerable.Range(0, 130).Select(i => Record(i) with
        {
            Calling = i == 7 ? string.Empty : Record(i).Calling,
            CallId = new string((char)('a' + (i % 26)), 500 + i),
            Reason = i % 2 == 0 ? "拒绝-" + i : Record(i).Reason,
        }).ToArray();
        using (var writer = new CallRecordWriter(database))
        {
            foreach (var record in records)
            {
                Assert.That(writer.TryRecord(record), Is.True);
            }
        }

        Assert.That(Stored(database), Is.EqualTo(records));
    }

    private sealed class Waiter(CallRecordWriter writer) : Sip.Proxy.IBarrierWaiter
    {
        public TaskCompletionSource<long> Released { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => Released.SetResult(writer.Written);
    }

    private static SqlDatabase DirectoriesDatabase(string file) => DirectoryStores.Sqlite(file).Database;

    private static void WriteAndCheck(SqlDatabase writing, Func<SqlDatabase> reopen)
    {
        const int Count = 2_345;
        using (var writer = new CallRecordWriter(writing))
        {
            for (var i = 0; i < Count; i++)
            {
                Assert.That(writer.TryRecord(Record(i)), Is.True);
            }

            writer.Dispose();
            Assert.Multiple(() =>
            {
                Assert.That(writer.Written, Is.EqualTo(Count));
                Assert.That(writer.Dropped, Is.Zero);
                Assert.That(writer.Failed, Is.Zero);
            });
        }

        writing.Dispose();
        using var reading = reopen();
        Assert.Multiple(() =>
        {
            Assert.That(Stored(reading), Is.EqualTo(Enumerable.Range(0, Count).Select(Record).ToList()));
            Assert.That(JournalledCallRecordTests.OrigIdsCoded(reading), Is.EqualTo(Enumerable.Range(0, Count).Count(i => Record(i).OrigId is not null)),
                "every origid stored as its code (migration 20)");
        });
    }

    private static List<CallRecord> Stored(SqlDatabase reading) => reading.Reading("call records", () => reading.Read(
        "SELECT at, realm, trunk, calling, called, origid, call_id, decision, reason FROM call_records_text ORDER BY seq",
        r => new CallRecord(CallRecordWriter.At(r.GetInt64(0)), Enum.Parse<Realm>(r.GetString(1), ignoreCase: true), r.IsDBNull(2) ? null : r.GetString(2),
            r.GetString(3), r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5), r.GetString(6), r.GetString(7), r.GetString(8))));

    private static CallRecord Record(int i) => new(
        T0.AddMilliseconds(i), i % 3 == 0 ? Realm.International : Realm.Access, i % 2 == 0 ? $"trunk-{i % 7}" : null,
        $"1380000{i:D4}", $"1390000{i % 100:D4}", i % 5 == 0 ? $"origid-{i}" : null, $"call-{i}@127.0.0.1",
        i % 4 == 0 ? "intercept" : "forward", i % 4 == 0 ? "one-ring" : "admitted");
}
