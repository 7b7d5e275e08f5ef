using Microsoft.Data.Sqlite;
using Reference.Storage;

namespace Reference.Tests.Storage;

/// <summary>
/// Writes committed together (<see cref="SqlDatabase.CommitTogether"/>), on a SQLite file and on a real PostgreSQL
/// server: writes that wait while a commit is under way share the next one, every write that returned is in the store,
/// and a write the store refuses refuses only its own caller.
/// </summary>
[NonParallelizable]
public sealed class GroupCommitTests
{
    private const int Writers = 40;

    [Test]
    public void WritesWaitingTogetherShareOneCommitOnSqlite() => OnSqlite(WritesWaitingTogetherShareOneCommit);

    [Test]
    public void ARefusedWriteRefusesOnlyItsCallerOnSqlite() => OnSqlite(ARefusedWriteRefusesOnlyItsCaller);

    [Test]
    public async Task WritesWaitingTogetherShareOneCommitOnPostgreSql() => await OnPostgreSqlAsync(WritesWaitingTogetherShareOneCommit);

    [Test]
    public async Task ARefusedWriteRefusesOnlyItsCallerOnPostgreSql() => await OnPostgreSqlAsync(ARefusedWriteRefusesOnlyItsCaller);

    private static void WritesWaitingTogetherShareOneCommit(SqlDatabase database)
    {
        var errors = WhileACommitIsUnderWay(database, Enumerable.Range(0, Writers).Select(i => $"writer-{i}").ToList());
        Assert.Multiple(() =>
        {
            Assert.That(errors, Is.All.Null);
            Assert.That(Names(database), Is.EquivalentTo(Enumerable.Range(0, Writers).Select(i => $"writer-{i}").Append("first")));
            // The first write's own batch, then the writers': a handful of batches at most, not one per writer.
            Assert.That(database.CommittedTogether.Writes, Is.EqualTo(Writers + 1));
            Assert.That(database.CommittedTogether.Batches, Is.LessThanOrEqualTo(4));
        });
    }

    private static void ARefusedWriteRefusesOnlyItsCaller(SqlDatabase database)
    {
        // "first" is written by the commit under way, so the writer that writes it again breaks the primary key.
        var names = Enumerable.Range(0, 9).Select(i => $"writer-{i}").Append("first").ToList();
        var errors = WhileACommitIsUnderWay(database, names);
        Assert.Multiple(() =>
        {
            Assert.That(errors[..^1], Is.All.Null);
            Assert.That(errors[^1], Is.InstanceOf<StorageException>());
            Assert.That(Names(database), Is.EquivalentTo(names));
        });
    }

    /// <summary>
    /// Writes "first" with a work that holds its commit open until every writer has queued its own setting; returns
    /// each writer's error (null when its write returned).
    /// </summary>
    private static Exception?[] WhileACommitIsUnderWay(SqlDatabase database, IReadOnlyList<string> names)
    {
        database.CommitTogether();
        using var started = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var first = new Thread(() => database.Write(tx =>
        {
            SqlDatabase.Execute(tx, "INSERT INTO settings (name, value) VALUES ('first', 'x')");
            started.Set();
            release.Wait();
        }));
        first.Start();
        Assert.That(started.Wait(TimeSpan.FromSeconds(30)), Is.True, "the first write never ran");
        var errors = new Exception?[names.Count];
        var writers = names.Select((name, i) => new Thread(() =>
        {
            try
            {
                database.Write(tx => SqlDatabase.Execute(tx, "INSERT INTO settings (name, value) VALUES (@name, 'x')", ("name", name)));
            }
            catch (StorageException ex)
            {
                errors[i] = ex;
            }
        })).ToList();
        writers.ForEach(w => w.Start());
        // Threads of their own, started at once: a second is long enough for each to queue its write behind the open commit.
        Thread.Sleep(1000);
        release.Set();
        first.Join();
        writers.ForEach(w => w.Join());
        return errors;
    }

    private static List<string> Names(SqlDatabase database) =>
        database.Reading("settings", () => database.Read("SELECT name FROM settings", r => r.GetString(0)));

    private static void OnSqlite(Action<SqlDatabase> test)
    {
        var directory = Directory.CreateTempSubdirectory("reference-group-").FullName;
        try
        {
            using var database = DirectoryStores.Sqlite(Path.Combine(directory, "reference.db")).Database;
            test(database);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task OnPostgreSqlAsync(Action<SqlDatabase> test)
    {
        if (PostgresServer.Missing() is { } missing)
        {
            Assert.Inconclusive(missing);
        }

        await using var server = await PostgresServer.StartAsync();
        using var database = DirectoryStores.PostgreSql(server.ConnectionString).Database;
        test(database);
    }
}
