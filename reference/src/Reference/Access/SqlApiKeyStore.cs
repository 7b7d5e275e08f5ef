using System.Data.Common;
using System.Globalization;
using Reference.Storage;

namespace Reference.Access;

/// <summary>
/// The api_keys table, in the node's store (the same SQLite file or PostgreSQL database as the directory), over a
/// connection of its own: keys are written rarely and read once at start, and never in a directory transaction.
/// </summary>
public sealed class SqlApiKeyStore : IApiKeyStore
{
    private static readonly string[] Schema =
    [
        "CREATE TABLE IF NOT EXISTS api_keys (id TEXT PRIMARY KEY, key_hash TEXT NOT NULL UNIQUE, roles TEXT NOT NULL, account TEXT NOT NULL, issued_at TEXT NOT NULL, revoked_at TEXT)",
    ];

    private readonly DbConnection _connection;
    private readonly string _description;
    private readonly Lock _lock = new();

    public SqlApiKeyStore(DbConnection connection, string description)
    {
        _connection = connection;
        _description = description;
        try
        {
            _connection.Open();
            foreach (var statement in Schema)
            {
                Execute(statement);
            }
        }
        catch (DbException ex)
        {
            _connection.Dispose();
            throw new StorageException($"Cannot open the API keys in the store ({description}): {ex.Message}", ex);
        }
    }

    public IReadOnlyList<(ApiKey Key, string Hash)> Load()
    {
        lock (_lock)
        {
            // Read again after a PostgreSQL restart (by the change feed): a connection broken meanwhile is reopened.
            if (_connection.State != System.Data.ConnectionState.Open)
            {
                _connection.Close();
                _connection.Open();
            }

            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT id, key_hash, roles, account, issued_at, revoked_at FROM api_keys";
            using var reader = command.ExecuteReader();
            var keys = new List<(ApiKey, string)>();
            while (reader.Read())
            {
                var roles = reader.GetString(2).Split(',', StringSplitOptions.RemoveEmptyEntries)
                    .Select(code => Roles.TryParse(code, out var role) ? role : throw new StorageException($"The store ({_description}) holds API key {reader.GetString(0)} with an unknown role '{code}'."))
                    .ToList();
                keys.Add((new ApiKey(reader.GetString(0), roles, reader.GetString(3), Instant(reader.GetString(4)), reader.IsDBNull(5) ? null : Instant(reader.GetString(5))), reader.GetString(1)));
            }

            return keys;
        }
    }

    public void Add(ApiKey key, string hash) => Write(
        "INSERT INTO api_keys (id, key_hash, roles, account, issued_at) VALUES (@id, @hash, @roles, @account, @issued)",
        ("id", key.Id), ("hash", hash), ("roles", string.Join(',', key.Roles.Select(r => r.Code()))), ("account", key.Account), ("issued", Text(key.IssuedAt)));

    public void Revoke(string id, DateTimeOffset at) => Write(
        "UPDATE api_keys SET revoked_at = @at WHERE id = @id AND revoked_at IS NULL", ("id", id), ("at", Text(at)));

    public void Dispose()
    {
        lock (_lock)
        {
            _connection.Dispose();
        }
    }

    private static string Text(DateTimeOffset instant) => instant.ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset Instant(string text) => DateTimeOffset.ParseExact(text, "O", CultureInfo.InvariantCulture);

    private void Write(string sql, params (string Name, object Value)[] values)
    {
        lock (_lock)
        {
            try
            {
                if (_connection.State != System.Data.ConnectionState.Open)
                {
                    _connection.Close();
                    _connection.Open();
                }

                Execute(sql, values);
            }
            catch (Exception ex) when (ex is DbException or InvalidOperationException)
            {
                throw new StorageException($"The store ({_description}) refused the API key write, so nothing was written: {ex.Message}", ex);
            }
        }
    }

    private void Execute(string sql, params (string Name, object Value)[] values)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in values)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        command.ExecuteNonQuery();
    }
}
