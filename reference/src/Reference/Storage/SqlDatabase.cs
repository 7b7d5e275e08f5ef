using System.Data.Common;
using System.Globalization;

namespace Reference.Storage;

/// <summary>
/// The store as the node reaches it: one open ADO.NET connection to SQLite or PostgreSQL, under one lock, for reading at
/// start and for SQLite's writes; a server's writes take pooled connections of their own. Opening it brings the schema up to date (<see cref="SchemaMigrations"/>). Every write is one transaction: all of a
/// request or none, and a failure is a <see cref="StorageException"/> naming the store.
/// </summary>
public sealed class SqlDatabase : IDisposable
{
    private const string VersionTable = "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)";

    private readonly DbConnection _connection;
    private readonly DbDataSource? _pool;
    private readonly Lock _lock = new();
    private GroupCommit? _together;

    /// <param name="rowsPerInsert">Rows per INSERT of a list: 1 for an embedded engine, many for a server reached over the network.</param>
    /// <param name="autoId">How the engine spells an auto-numbered 64-bit primary key.</param>
    public SqlDatabase(DbConnection connection, string description, IEnumerable<string>? setUp = null, int rowsPerInsert = 1, string autoId = "INTEGER PRIMARY KEY")
        : this(connection, description, setUp, rowsPerInsert, autoId, SchemaMigrations.All)
    {
    }

    public SqlDatabase(DbConnection connection, string description, IEnumerable<string>? setUp, int rowsPerInsert, string autoId, IReadOnlyList<Migration> migrations)
        : this(connection, description, setUp, rowsPerInsert, autoId, migrations, pool: null)
    {
    }

    /// <param name="pool">
    /// Connections for writes to a server: each write takes one of its own, so writes of different requests commit side
    /// by side (the server flushes their commits together) instead of one after another behind a lock. Null for an
    /// embedded engine, which takes one writer at a time anyway: its writes share <paramref name="connection"/>.
    /// </param>
    public SqlDatabase(DbConnection connection, string description, IEnumerable<string>? setUp, int rowsPerInsert, string autoId, IReadOnlyList<Migration> migrations, DbDataSource? pool)
    {
        _connection = connection;
        _pool = pool;
        RowsPerInsert = Math.Max(1, rowsPerInsert);
        Description = description;
        try
        {
            if (_connection.State != System.Data.ConnectionState.Open)
            {
                _connection.Open();
            }

            foreach (var statement in setUp ?? [])
            {
                using var command = _connection.CreateCommand();
                command.CommandText = statement;
                command.ExecuteNonQuery();
            }

            Migrate(migrations, autoId);
        }
        catch (Exception ex) when (ex is DbException or StorageException)
        {
            _connection.Dispose();
            throw new StorageException($"Cannot open the store ({description}): {ex.Message}. Check Storage:Sqlite or Storage:PostgreSql.", ex);
        }
    }

    public string Description { get; }

    public int RowsPerInsert { get; }

    /// <summary>Whether the store is a server (PostgreSQL), which other nodes write to at the same time, rather than an embedded engine.</summary>
    public bool IsServer => _pool is not null;

    /// <summary>The schema versions this store has applied, in order.</summary>
    public IReadOnlyList<int> AppliedVersions()
    {
        lock (_lock)
        {
            return Read("SELECT version FROM schema_migrations ORDER BY version", r => Convert.ToInt32(r.GetValue(0), CultureInfo.InvariantCulture));
        }
    }

    public static string Text(DateTimeOffset instant) => instant.ToString("O", CultureInfo.InvariantCulture);

    public static DateTimeOffset Instant(string text) => DateTimeOffset.ParseExact(text, "O", CultureInfo.InvariantCulture);

    /// <summary>
    /// From now on, writes of concurrent callers are committed together (<see cref="GroupCommit"/>): for a store that
    /// many requests write at once (the directory, labels, reports, appeals), where a commit per request would bound
    /// them to the commits the disk can make.
    /// </summary>
    public void CommitTogether()
    {
        lock (_lock)
        {
            _together ??= new GroupCommit(WriteNow, "store commits");
        }
    }

    /// <summary>Batches committed together and writes in them, since <see cref="CommitTogether"/> (zeros before).</summary>
    public (long Batches, long Writes) CommittedTogether => _together is { } together ? (together.Batches, together.Works) : (0, 0);

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction, committed before this returns; with <see cref="CommitTogether"/>,
    /// a transaction it may share with other callers' writes. Either way all of the work is kept or none.
    /// </summary>
    public void Write(Action<DbTransaction> work)
    {
        if (_together is { } together)
        {
            together.Write(work);
            return;
        }

        WriteNow(work);
    }

    /// <summary>
    /// <see cref="Write"/>, awaited: the caller's thread is free until the commit that holds the work. A request that
    /// writes this way holds no pool thread while it waits, so a server's commits (whose drivers complete their sends on
    /// the pool) never wait for the pool to grow.
    /// </summary>
    public Task WriteAsync(Action<DbTransaction> work)
    {
        if (_together is { } together)
        {
            return together.WriteAsync(work);
        }

        if (_pool is not null)
        {
            return WritePooledAsync(work);
        }

        // An embedded engine writes on the caller's thread anyway (its driver has no asynchronous I/O).
        WriteNow(work);
        return Task.CompletedTask;
    }

    private void WriteNow(Action<DbTransaction> work)
    {
        if (_pool is not null)
        {
            WritePooled(work);
            return;
        }

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
                throw Refused(tx, ex);
            }
            finally
            {
                tx?.Dispose();
            }
        }
    }

    private void WritePooled(Action<DbTransaction> work)
    {
        DbConnection? connection = null;
        DbTransaction? tx = null;
        try
        {
            connection = _pool!.OpenConnection();
            tx = connection.BeginTransaction();
            work(tx);
            tx.Commit();
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException)
        {
            throw Refused(tx, ex);
        }
        finally
        {
            tx?.Dispose();
            connection?.Dispose();
        }
    }

    /// <summary>One write on a pooled connection, its statements sent in one batch (<see cref="DeferredStatements"/>), awaited throughout.</summary>
    private async Task WritePooledAsync(Action<DbTransaction> work)
    {
        DbConnection? connection = null;
        DbTransaction? tx = null;
        try
        {
            connection = await _pool!.OpenConnectionAsync().ConfigureAwait(false);
            tx = await connection.BeginTransactionAsync().ConfigureAwait(false);
            using (var deferred = DeferredStatements.Open(tx))
            {
                try
                {
                    work(tx);
                }
                finally
                {
                    deferred?.Detach();
                }

                if (deferred is not null)
                {
                    await deferred.FlushAsync().ConfigureAwait(false);
                }
            }

            await tx.CommitAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException)
        {
            throw Refused(tx, ex);
        }
        finally
        {
            if (tx is not null)
            {
                await tx.DisposeAsync().ConfigureAwait(false);
            }

            if (connection is not null)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Rolls a refused write back, so nothing of it stays, and says why it was refused.</summary>
    private StorageException Refused(DbTransaction? tx, Exception ex)
    {
        try
        {
            tx?.Rollback();
        }
        catch (Exception rollback) when (rollback is DbException or InvalidOperationException)
        {
            // The transaction is already gone (connection lost): the database discards it on its own.
        }

        return new StorageException($"The store ({Description}) refused the write, so nothing was written: {ex.Message}", ex);
    }

    /// <summary>Reads under the lock; <paramref name="what"/> names the records for the error.</summary>
    public T Reading<T>(string what, Func<T> read)
    {
        lock (_lock)
        {
            try
            {
                // A server connection broken since the last read (a PostgreSQL restart) is reopened, not failed forever:
                // the change feed re-reads the store through it once the server is back.
                if (_connection.State != System.Data.ConnectionState.Open)
                {
                    _connection.Close();
                    _connection.Open();
                }

                return read();
            }
            catch (DbException ex)
            {
                throw new StorageException($"Cannot read {what} from the store ({Description}): {ex.Message}", ex);
            }
        }
    }

    /// <summary>
    /// Every row of <paramref name="sql"/>, mapped, read without holding the thread: from a server on a pooled connection
    /// of its own (reads of concurrent requests side by side, not one after another on the shared connection), from an
    /// embedded engine as <see cref="Reading{T}"/> does.
    /// </summary>
    public async Task<List<T>> ReadAsync<T>(string what, string sql, Func<DbDataReader, T> map, params (string Name, object? Value)[] values)
    {
        if (_pool is null)
        {
            return Reading(what, () => Read(sql, map, values));
        }

        try
        {
            var connection = await _pool.OpenConnectionAsync().ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                var command = connection.CreateCommand();
                await using (command.ConfigureAwait(false))
                {
                    command.CommandText = sql;
                    Bind(command, values);
                    var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
                    await using (reader.ConfigureAwait(false))
                    {
                        var list = new List<T>();
                        while (await reader.ReadAsync().ConfigureAwait(false))
                        {
                            list.Add(map(reader));
                        }

                        return list;
                    }
                }
            }
        }
        catch (DbException ex)
        {
            throw new StorageException($"Cannot read {what} from the store ({Description}): {ex.Message}", ex);
        }
    }

    /// <summary>Every row of <paramref name="sql"/>, mapped; call inside <see cref="Reading{T}"/>.</summary>
    public List<T> Read<T>(string sql, Func<DbDataReader, T> map, params (string Name, object? Value)[] values)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        Bind(command, values);
        using var reader = command.ExecuteReader();
        var list = new List<T>();
        while (reader.Read())
        {
            list.Add(map(reader));
        }

        return list;
    }

    /// <summary>Runs a statement, or keeps it for the transaction's next round trip in a group commit (<see cref="DeferredStatements"/>).</summary>
    public static void Execute(DbTransaction tx, string sql, params (string Name, object? Value)[] values)
    {
        if (!DeferredStatements.TryDefer(tx, sql, values))
        {
            ExecuteCount(tx, sql, values);
        }
    }

    /// <summary>
    /// Runs a statement and gives <paramref name="then"/> how many rows it changed: at once, or, in a group commit on a
    /// server, once the transaction's kept statements have run together (still before the commit).
    /// </summary>
    public static void ExecuteThen(DbTransaction tx, string sql, Action<int> then, params (string Name, object? Value)[] values)
    {
        if (!DeferredStatements.TryDefer(tx, sql, values, then))
        {
            then(ExecuteCount(tx, sql, values));
        }
    }

    /// <summary>Runs a statement now (after any kept for the transaction); returns how many rows it changed.</summary>
    public static int ExecuteCount(DbTransaction tx, string sql, params (string Name, object? Value)[] values)
    {
        DeferredStatements.FlushFor(tx);
        using var command = tx.Connection!.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        Bind(command, values);
        return command.ExecuteNonQuery();
    }

    private static void Bind(DbCommand command, (string Name, object? Value)[] values)
    {
        foreach (var (name, value) in values)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
    }

    /// <summary>Inserts one-column rows, skipping values already there.</summary>
    public void InsertValues(DbTransaction tx, string table, string column, IReadOnlyList<string> values)
    {
        DeferredStatements.FlushFor(tx);
        if (RowsPerInsert == 1)
        {
            InsertOneByOne(tx, table, column, values);
            return;
        }

        // Many rows per statement: a list of a million numbers costs a thousand round trips to a server, not a million.
        for (var offset = 0; offset < values.Count; offset += RowsPerInsert)
        {
            var count = Math.Min(RowsPerInsert, values.Count - offset);
            using var command = tx.Connection!.CreateCommand();
            command.Transaction = tx;
            var rows = new System.Text.StringBuilder();
            for (var i = 0; i < count; i++)
            {
                rows.Append(i == 0 ? "(@n" : ", (@n").Append(i.ToString(CultureInfo.InvariantCulture)).Append(')');
                var parameter = command.CreateParameter();
                parameter.ParameterName = "n" + i.ToString(CultureInfo.InvariantCulture);
                parameter.Value = values[offset + i];
                command.Parameters.Add(parameter);
            }

            command.CommandText = $"INSERT INTO {table} ({column}) VALUES {rows} ON CONFLICT ({column}) DO NOTHING";
            command.ExecuteNonQuery();
        }
    }

    public void Dispose()
    {
        _together?.Dispose();
        lock (_lock)
        {
            _connection.Dispose();
            _pool?.Dispose();
        }
    }

    // An embedded engine has no round trips to save: one prepared single-row insert, rebound per value, is fastest.
    private static void InsertOneByOne(DbTransaction tx, string table, string column, IReadOnlyList<string> values)
    {
        using var command = tx.Connection!.CreateCommand();
        command.Transaction = tx;
        command.CommandText = $"INSERT INTO {table} ({column}) VALUES (@value) ON CONFLICT ({column}) DO NOTHING";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "value";
        parameter.Value = string.Empty;
        command.Parameters.Add(parameter);
        foreach (var value in values)
        {
            parameter.Value = value;
            command.ExecuteNonQuery();
        }
    }

    private void Migrate(IReadOnlyList<Migration> migrations, string autoId)
    {
        using (var create = _connection.CreateCommand())
        {
            create.CommandText = VersionTable;
            create.ExecuteNonQuery();
        }

        var applied = Read("SELECT version FROM schema_migrations", r => Convert.ToInt32(r.GetValue(0), CultureInfo.InvariantCulture)).ToHashSet();
        var newest = migrations.Count == 0 ? 0 : migrations.Max(m => m.Version);
        if (applied.Count > 0 && applied.Max() > newest)
        {
            throw new StorageException($"the store is at schema version {applied.Max()}, newer than this node knows ({newest}); run a node at least as new as the one that last wrote it");
        }

        foreach (var migration in migrations.OrderBy(m => m.Version).Where(m => !applied.Contains(m.Version)))
        {
            Write(tx =>
            {
                foreach (var statement in migration.ServerOnly && _pool is null ? [] : migration.Statements)
                {
                    Execute(tx, statement.Replace("{id}", autoId, StringComparison.Ordinal));
                }

                // A second node opening the same store at the same moment fails here on the primary key, and rolls back.
                Execute(tx, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@version, @name, @at)",
                    ("version", migration.Version), ("name", migration.Name), ("at", Text(DateTimeOffset.UtcNow)));
            });
        }
    }
}
