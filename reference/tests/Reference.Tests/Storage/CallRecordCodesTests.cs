using Microsoft.Data.Sqlite;
using Reference.Storage;
using Screening;

namespace Reference.Tests.Storage;

/// <summary>
/// Realm, decision and reason are stored as codes of call_record_codes (migration 19), and the origid (migration 20):
/// records stored before the migrations read as they did, through call_records_text; and a code learned in a batch the store refused is not
/// used again, since the refusal rolled it back with the batch.
/// </summary>
[NonParallelizable]
public sealed class CallRecordCodesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Test]
    public void RecordsStoredBeforeTheCodesReadAsTheyDid()
    {
        var directory = Directory.CreateTempSubdirectory("reference-codes-").FullName;
        try
        {
            var file = Path.Combine(directory, "reference.db");
            var before = SchemaMigrations.All.Where(m => m.Version < 19).ToList();
            using (var old = new SqlDatabase(new SqliteConnection($"Data Source={file};Pooling=False"), "SQLite before migration 19", null, 1, "INTEGER PRIMARY KEY", before))
            {
                old.Write(tx =>
                {
                    SqlDatabase.Execute(tx, "INSERT INTO call_records (at, realm, trunk, calling, called, origid, call_id, decision, reason) VALUES (1, 'access', 'trunk-1', '137', '139', NULL, 'c1', 'forward', 'admitted')");
                    SqlDatabase.Execute(tx, "INSERT INTO call_records (at, realm, trunk, calling, called, origid, call_id, decision, reason) VALUES (2, 'international', NULL, '138', '139', 'o2', 'c2', 'intercept', 'abroad-spoofed')");
                });
            }

            using var database = DirectoryStores.Sqlite(file).Database;
            var rows = database.Reading("records", () => database.Read(
                "SELECT at, realm, trunk, calling, called, origid, call_id, decision, reason FROM call_records_text ORDER BY seq",
                r => string.Join('|', Enumerable.Range(0, 9).Select(i => r.IsDBNull(i) ? "null" : Convert.ToString(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)))));
            var types = database.Reading("types", () => database.Read("SELECT DISTINCT typeof(realm) || typeof(decision) || typeof(reason) FROM call_records", r => r.GetString(0)));
            var origids = database.Reading("origids", () => database.Read("SELECT typeof(origid) FROM call_records ORDER BY seq", r => r.GetString(0)));
            Assert.Multiple(() =>
            {
                Assert.That(rows, Is.EqualTo(new[]
                {
                    "1|access|trunk-1|137|139|null|c1|forward|admitted",
                    "2|international|null|138|139|o2|c2|intercept|abroad-spoofed",
                }));
                Assert.That(types, Is.EqualTo(new[] { "integerintegerinteger" }));
                Assert.That(origids, Is.EqualTo(new[] { "null", "integer" }), "the origid as its code (migration 20)");
            });
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    [Test]
    public void ACodeLearnedInARefusedBatchIsNotUsedAgain()
    {
        using var database = DirectoryStores.Sqlite(":memory:").Database;
        // The store refuses one call's record, after the writer has learned the code of its new reason in the batch.
        database.Write(tx => SqlDatabase.Execute(tx,
            "CREATE TRIGGER refuse_bad AFTER INSERT ON call_records WHEN NEW.call_id = 'bad' BEGIN SELECT RAISE(FAIL, 'refused'); END"));
        using (var writer = new CallRecordWriter(database, linger: TimeSpan.FromMilliseconds(1)))
        {
            Assert.That(writer.TryRecord(Record("bad", "fresh")), Is.True);
            var deadline = Environment.TickCount64 + 10_000;
            while (writer.Failed == 0 && Environment.TickCount64 < deadline)
            {
                Thread.Sleep(5);
            }

            Assert.That(writer.Failed, Is.EqualTo(1), "the store refused the first batch");

            // The store numbers the next new text as it had numbered the refused one.
            Assert.That(writer.TryRecord(Record("good-1", "other")), Is.True);
            Assert.That(writer.TryRecord(Record("good-2", "fresh")), Is.True);
        }

        var reasons = database.Reading("records", () => database.Read("SELECT call_id, reason FROM call_records_text ORDER BY seq", r => $"{r.GetString(0)}:{r.GetString(1)}"));
        Assert.That(reasons, Is.EqualTo(new[] { "good-1:other", "good-2:fresh" }));
    }

    private static CallRecord Record(string callId, string reason) =>
        new(T0, Realm.Access, null, "13711112222", "13900001111", null, callId, "intercept", reason);
}
