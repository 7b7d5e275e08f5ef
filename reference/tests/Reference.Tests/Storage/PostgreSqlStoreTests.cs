namespace Reference.Tests.Storage;

/// <summary>
/// The PostgreSQL store against a real server started for these tests on a free loopback port. Without the
/// server binaries the tests are inconclusive, naming what is missing: never passed unseen.
/// </summary>
[NonParallelizable]
public sealed class PostgreSqlStoreTests : DurableStoreTests
{
    private PostgresServer? _server;

    protected override string StorageSetting => $"--Storage:PostgreSql={_server!.ConnectionString}";

    [SetUp]
    public async Task StartServer()
    {
        if (PostgresServer.Missing() is { } missing)
        {
            Assert.Inconclusive(missing);
        }

        _server = await PostgresServer.StartAsync();
    }

    [TearDown]
    public async Task StopServer()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
            _server = null;
        }
    }

    protected override Task ExecuteAsync(string sql) => _server!.ExecuteAsync(sql);

    protected override Task PoisonAsync() => _server!.ExecuteAsync($"""
        CREATE FUNCTION poison() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$;
        CREATE TRIGGER poison BEFORE INSERT ON ranges FOR EACH ROW WHEN (NEW.first_number = '{Poisoned}') EXECUTE FUNCTION poison();
        """);
}
