using System.Globalization;
using Microsoft.Data.Sqlite;
using Reference.Storage;
using Screening;

namespace Reference.Tests.Storage;

/// <summary>
/// When a round's records cannot be found in the journal (the file not as the writer left it, which should never
/// happen), they are counted as refused, and the store still gets the journal's position with the round: a restart
/// must not store again what the store already has.
/// </summary>
[NonParallelizable]
public sealed class JournalPositionTests
{
    [Test]
    public void ARoundNotFoundInTheJournalStillMovesTheStoresPosition()
    {
        var directory = Directory.CreateTempSubdirectory("reference-position-").FullName;
        try
        {
            var journal = Path.GetFullPath(Path.Combine(directory, "calls"));
            using var database = DirectoryStores.Sqlite(Path.Combine(directory, "reference.db")).Database;
            using (var writer = new CallRecordWriter(database, journal: journal))
            {
                Assert.That(writer.TryRecord(new CallRecord(DateTimeOffset.UtcNow, Realm.Access, null, "13711112222", "13900001111", null, "c1", "forward", "admitted")), Is.True);

                // The record's head, the file's first 8 bytes, overwritten before the writer's round (a second away) takes it.
                using (var file = new FileStream(journal, FileMode.Open, FileAccess.Write, FileShare.ReadWrite))
                {
                    file.Write(new byte[8]);
                }

                writer.Dispose();
                Assume.That(writer.Failed, Is.EqualTo(1), "the writer's round took the record before its head was overwritten");
            }

            var stored = database.Reading("the journal's position", () => database.Read(
                "SELECT journal, stored_to FROM call_records_journal", r => (r.GetString(0), Convert.ToInt64(r.GetValue(1), CultureInfo.InvariantCulture))))
                .ToDictionary(p => p.Item1, p => p.Item2);
            Assert.Multiple(() =>
            {
                Assert.That(stored[journal], Is.EqualTo(1), "the number of the round's last record");
                Assert.That(stored[journal + "#at"], Is.GreaterThan(8), "where the next record starts");
            });
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }
}
