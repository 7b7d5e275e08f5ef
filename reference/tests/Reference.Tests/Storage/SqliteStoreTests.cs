using Microsoft.Data.Sqlite;

namespace Reference.Tests.Storage;

/// <summary>The default store: a SQLite file, in a temp directory that goes with the test.</summary>
public sealed class SqliteStoreTests : DurableStoreTests
{
    private string _file = null!;

    protected override string StorageSetting => $"--Storage:Sqlite={_file}";

    [SetUp]
    public void CreateFile() => _file = Path.Combine(Directory.CreateTempSubdirectory("reference-sqlite-").FullName, "reference.db");

    [TearDown]
    public void DeleteFile() => Directory.Delete(Path.GetDirectoryName(_file)!, recursive: true);

    protected override Task PoisonAsync() =>
        ExecuteAsync($"CREATE TRIGGER poison BEFORE INSERT ON ranges WHEN NEW.first_number = '{Poisoned}' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END");

    protected override async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={_file};Pooling=false");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
