using System.Data.Common;
using System.Globalization;
using Screening;
using Screening.Directory;

namespace Reference.Storage;

/// <summary>
/// The durable store over one open ADO.NET connection, in SQL that SQLite and PostgreSQL both accept
/// (CREATE TABLE IF NOT EXISTS, INSERT … ON CONFLICT). Every write is one transaction: all of a request or none.
/// Writes are rare (provisioning) and already serialized by the directory, so one connection under a lock suffices.
/// </summary>
public sealed class SqlDirectoryStore : IDirectoryStore
{
    private static readonly string[] Schema =
    [
        "CREATE TABLE IF NOT EXISTS enterprises (id TEXT PRIMARY KEY, name TEXT NOT NULL, sector TEXT NOT NULL)",
        "CREATE TABLE IF NOT EXISTS trunks (id TEXT PRIMARY KEY, enterprise_id TEXT NOT NULL REFERENCES enterprises (id), realm TEXT NOT NULL, source TEXT UNIQUE)",
        "CREATE TABLE IF NOT EXISTS ranges (first_number TEXT PRIMARY KEY, last_number TEXT NOT NULL, enterprise_id TEXT NOT NULL, trunk_id TEXT NOT NULL REFERENCES trunks (id), inbound_only INTEGER NOT NULL)",
        "CREATE TABLE IF NOT EXISTS consents (enterprise_id TEXT NOT NULL, callee TEXT NOT NULL, evidence TEXT NOT NULL, recorded_at TEXT NOT NULL, keep_until TEXT NOT NULL, PRIMARY KEY (enterprise_id, callee))",
        "CREATE TABLE IF NOT EXISTS refusals (enterprise_id TEXT NOT NULL, callee TEXT NOT NULL, PRIMARY KEY (enterprise_id, callee))",
        "CREATE TABLE IF NOT EXISTS roaming (number TEXT PRIMARY KEY)",
        "CREATE TABLE IF NOT EXISTS do_not_originate (number TEXT PRIMARY KEY)",
        "CREATE TABLE IF NOT EXISTS settings (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
    ];

    private readonly DbConnection _connection;
    private readonly Lock _lock = new();
    private readonly int _rowsPerInsert;

    /// <param name="rowsPerInsert">Numbers per INSERT of a list: 1 for an embedded engine, many for a server reached over the network.</param>
    public SqlDirectoryStore(DbConnection connection, string description, IEnumerable<string>? setUp = null, int rowsPerInsert = 1)
    {
        _connection = connection;
        _rowsPerInsert = Math.Max(1, rowsPerInsert);
        Description = description;
        try
        {
            if (_connection.State != System.Data.ConnectionState.Open)
            {
                _connection.Open();
            }

            foreach (var statement in (setUp ?? []).Concat(Schema))
            {
                using var command = _connection.CreateCommand();
                command.CommandText = statement;
                command.ExecuteNonQuery();
            }
        }
        catch (DbException ex)
        {
            _connection.Dispose();
            throw new StorageException($"Cannot open the store ({description}): {ex.Message}. Check Storage:Sqlite or Storage:PostgreSql.", ex);
        }
    }

    public string Description { get; }

    public DirectorySnapshot Load()
    {
        lock (_lock)
        {
            try
            {
                var enterprises = Read("SELECT id, name, sector FROM enterprises", r =>
                    new Enterprise(r.GetString(0), r.GetString(1), Sectors.TryParse(r.GetString(2), out var s) ? s : Sector.Other));
                var trunks = Read("SELECT id, enterprise_id, realm, source FROM trunks", r =>
                    new TrunkRecord(r.GetString(0), r.GetString(1), Enum.Parse<Realm>(r.GetString(2), ignoreCase: true), r.IsDBNull(3) ? null : r.GetString(3)));
                var ranges = Read("SELECT first_number, last_number, enterprise_id, inbound_only FROM ranges", r =>
                    new AllocatedRange(r.GetString(0), r.GetString(1), r.GetString(2), Convert.ToInt64(r.GetValue(3), CultureInfo.InvariantCulture) != 0));
                var consents = Read("SELECT enterprise_id, callee, evidence, recorded_at, keep_until FROM consents", r =>
                    new Consent(r.GetString(0), r.GetString(1), r.GetString(2), Instant(r.GetString(3)), Instant(r.GetString(4))));
                var refusals = Read("SELECT enterprise_id, callee FROM refusals", r => (r.GetString(0), r.GetString(1)));
                var roaming = Read("SELECT number FROM roaming", r => r.GetString(0));
                var doNotOriginate = Read("SELECT number FROM do_not_originate", r => r.GetString(0));
                var settings = Read("SELECT name, value FROM settings", r => (Name: r.GetString(0), Value: r.GetString(1)))
                    .ToDictionary(s => s.Name, s => s.Value, StringComparer.Ordinal);
                return new DirectorySnapshot(enterprises, trunks, ranges, consents, refusals, roaming, doNotOriginate, settings);
            }
            catch (DbException ex)
            {
                throw new StorageException($"Cannot read provisioned data from the store ({Description}): {ex.Message}", ex);
            }
        }
    }

    public void AddEnterprise(Enterprise enterprise) => Write(tx =>
        Execute(tx, "INSERT INTO enterprises (id, name, sector) VALUES (@id, @name, @sector)",
            ("id", enterprise.Id), ("name", enterprise.Name), ("sector", Sectors.Code(enterprise.Sector))));

    public void AddTrunk(TrunkRecord trunk, IReadOnlyList<AllocatedRange> ranges) => Write(tx =>
    {
        Execute(tx, "INSERT INTO trunks (id, enterprise_id, realm, source) VALUES (@id, @enterprise, @realm, @source)",
            ("id", trunk.Id), ("enterprise", trunk.EnterpriseId), ("realm", trunk.Realm.ToString().ToLowerInvariant()), ("source", trunk.Source));
        foreach (var range in ranges)
        {
            Execute(tx, "INSERT INTO ranges (first_number, last_number, enterprise_id, trunk_id, inbound_only) VALUES (@first, @last, @enterprise, @trunk, @inbound)",
                ("first", range.First), ("last", range.Last), ("enterprise", range.EnterpriseId), ("trunk", trunk.Id), ("inbound", range.InboundOnly ? 1L : 0L));
        }
    });

    public void SaveConsent(Consent consent) => Write(tx =>
        Execute(tx, """
            INSERT INTO consents (enterprise_id, callee, evidence, recorded_at, keep_until) VALUES (@enterprise, @callee, @evidence, @recorded, @keep)
            ON CONFLICT (enterprise_id, callee) DO UPDATE SET evidence = excluded.evidence, recorded_at = excluded.recorded_at, keep_until = excluded.keep_until
            """,
            ("enterprise", consent.EnterpriseId), ("callee", consent.Callee), ("evidence", consent.Evidence),
            ("recorded", Text(consent.RecordedAt)), ("keep", Text(consent.KeepUntil))));

    public void AddRefusal(string enterpriseId, string callee) => Write(tx =>
        Execute(tx, "INSERT INTO refusals (enterprise_id, callee) VALUES (@enterprise, @callee) ON CONFLICT (enterprise_id, callee) DO NOTHING",
            ("enterprise", enterpriseId), ("callee", callee)));

    public void AddRoaming(IReadOnlyList<string> numbers) => Write(tx => InsertNumbers(tx, "roaming", numbers));

    public void AddDoNotOriginate(IReadOnlyList<string> numbers) => Write(tx => InsertNumbers(tx, "do_not_originate", numbers));

    public void SaveSetting(string name, string json) => Write(tx =>
        Execute(tx, "INSERT INTO settings (name, value) VALUES (@name, @value) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            ("name", name), ("value", json)));

    public void Dispose()
    {
        lock (_lock)
        {
            _connection.Dispose();
        }
    }

    private static string Text(DateTimeOffset instant) => instant.ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset Instant(string text) => DateTimeOffset.ParseExact(text, "O", CultureInfo.InvariantCulture);

    private void InsertNumbers(DbTransaction tx, string table, IReadOnlyList<string> numbers)
    {
        if (_rowsPerInsert == 1)
        {
            InsertNumbersOneByOne(tx, table, numbers);
            return;
        }

        // Many rows per statement: a list of a million numbers costs a thousand round trips to a server, not a million.
        var batch = _rowsPerInsert;
        for (var offset = 0; offset < numbers.Count; offset += batch)
        {
            var count = Math.Min(batch, numbers.Count - offset);
            using var command = tx.Connection!.CreateCommand();
            command.Transaction = tx;
            var values = new System.Text.StringBuilder();
            for (var i = 0; i < count; i++)
            {
                values.Append(i == 0 ? "(@n" : ", (@n").Append(i.ToString(CultureInfo.InvariantCulture)).Append(')');
                var parameter = command.CreateParameter();
                parameter.ParameterName = "n" + i.ToString(CultureInfo.InvariantCulture);
                parameter.Value = numbers[offset + i];
                command.Parameters.Add(parameter);
            }

            command.CommandText = $"INSERT INTO {table} (number) VALUES {values} ON CONFLICT (number) DO NOTHING";
            command.ExecuteNonQuery();
        }
    }

    // An embedded engine has no round trips to save: one prepared single-row insert, rebound per number, is fastest.
    private static void InsertNumbersOneByOne(DbTransaction tx, string table, IReadOnlyList<string> numbers)
    {
        using var command = tx.Connection!.CreateCommand();
        command.Transaction = tx;
        command.CommandText = $"INSERT INTO {table} (number) VALUES (@number) ON CONFLICT (number) DO NOTHING";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "number";
        parameter.Value = string.Empty;
        command.Parameters.Add(parameter);
        foreach (var number in numbers)
        {
            parameter.Value = number;
            command.ExecuteNonQuery();
        }
    }

    private static void Execute(DbTransaction tx, string sql, params (string Name, object? Value)[] values)
    {
        using var command = tx.Connection!.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        foreach (var (name, value) in values)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        command.ExecuteNonQuery();
    }

    private void Write(Action<DbTransaction> work)
    {
        lock (_lock)
        {
            DbTransaction? tx = null;
            try
            {
                // A server connection broken since the last write (a PostgreSQL restart) is reopened, not failed forever.
                if (_connection.State != System.Data.ConnectionState.Open)
                {
                    _connection.Close();
                    _connection.Open();
                }

                tx = _connection.BeginTransaction();
                work(tx);
                tx.Commit();
            }
            catch (Exception ex) when (ex is DbException or InvalidOperationException)
            {
                try
                {
                    tx?.Rollback();
                }
                catch (Exception rollback) when (rollback is DbException or InvalidOperationException)
                {
                    // The transaction is already gone (connection lost): the database discards it on its own.
                }

                throw new StorageException($"The store ({Description}) refused the write, so nothing was written: {ex.Message}", ex);
            }
            finally
            {
                tx?.Dispose();
            }
        }
    }

    private List<T> Read<T>(string sql, Func<DbDataReader, T> map)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var list = new List<T>();
        while (reader.Read())
        {
            list.Add(map(reader));
        }

        return list;
    }
}
