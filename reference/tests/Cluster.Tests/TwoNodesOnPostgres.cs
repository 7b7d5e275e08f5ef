using Reference.Storage;
using Reference.Tests.Storage;

namespace Cluster.Tests;

/// <summary>
/// A real PostgreSQL on loopback and two nodes on it, each listening on the change feed before a test begins; all
/// three stopped after it. A test may stop the server itself and set <see cref="Postgres"/> to null.
/// </summary>
public abstract class TwoNodesOnPostgres
{
    protected PostgresServer? Postgres { get; set; }

    protected ClusterNode A { get; private set; } = null!;

    protected ClusterNode B { get; private set; } = null!;

    protected static bool Listening(ClusterNode node) => node.Get<ChangeFeed>().Listening;

    [SetUp]
    public async Task StartTwoNodes()
    {
        if (PostgresServer.Missing() is { } missing)
        {
            Assert.Inconclusive(missing);
        }

        Postgres = await PostgresServer.StartAsync();
        A = await ClusterNode.StartAsync($"--Storage:PostgreSql={Postgres.ConnectionString}");
        B = await ClusterNode.StartAsync($"--Storage:PostgreSql={Postgres.ConnectionString}");
        await Poll.Eventually(() => Listening(A) && Listening(B), TimeSpan.FromSeconds(10), "both nodes listen");
    }

    [TearDown]
    public async Task StopTwoNodes()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
        if (Postgres is not null)
        {
            await Postgres.DisposeAsync();
        }
    }
}
