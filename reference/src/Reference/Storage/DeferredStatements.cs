using System.Data.Common;

namespace Reference.Storage;

/// <summary>
/// Statements of a transaction sent to the server together: while a scope is open on a thread, the statements that
/// <see cref="SqlDatabase.Execute"/> runs on its transaction are kept in one <see cref="DbBatch"/> and sent in one
/// round trip when the scope flushes, or before any statement whose answer is needed (a count, a read, a list insert).
/// A group commit of a hundred writes then costs the server two round trips (the statements, the commit) instead of
/// a hundred and one. Only engines that take batches (a server's); SQLite runs each statement at once anyway.
/// </summary>
internal sealed class DeferredStatements : IDisposable
{
    [ThreadStatic]
    private static DeferredStatements? t_open;

    private readonly DbTransaction _tx;
    private readonly DbBatch _batch;
    private readonly List<(DbBatchCommand Command, Action<int> Then)> _counted = [];

    private DeferredStatements(DbTransaction tx)
    {
        _tx = tx;
        _batch = tx.Connection!.CreateBatch();
        _batch.Transaction = tx;
    }

    /// <summary>A scope deferring <paramref name="tx"/>'s statements, or null when its engine takes no batches.</summary>
    public static DeferredStatements? Open(DbTransaction tx)
    {
        if (t_open is not null || tx.Connection is not { CanCreateBatch: true })
        {
            return null;
        }

        return t_open = new DeferredStatements(tx);
    }

    /// <summary>Keeps the statement for the batch when a scope is open on <paramref name="tx"/>; false to run it now.</summary>
    public static bool TryDefer(DbTransaction tx, string sql, (string Name, object? Value)[] values) => TryDefer(tx, sql, values, null);

    /// <summary>
    /// Keeps the statement for the batch, as <see cref="TryDefer(DbTransaction, string, ValueTuple{string, object}[])"/>,
    /// and once the batch has run (inside the transaction, before its commit) tells <paramref name="then"/> how many rows
    /// it changed: a statement whose count matters still rides the batch's one round trip.
    /// </summary>
    public static bool TryDefer(DbTransaction tx, string sql, (string Name, object? Value)[] values, Action<int>? then)
    {
        if (t_open is not { } open || !ReferenceEquals(open._tx, tx))
        {
            return false;
        }

        var command = open._batch.CreateBatchCommand();
        command.CommandText = sql;
        foreach (var (name, value) in values)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        open._batch.BatchCommands.Add(command);
        if (then is not null)
        {
            open._counted.Add((command, then));
        }

        return true;
    }

    /// <summary>Sends what is kept on <paramref name="tx"/>, if anything: a statement that must run now runs after it.</summary>
    public static void FlushFor(DbTransaction tx)
    {
        if (t_open is { } open && ReferenceEquals(open._tx, tx))
        {
            open.Flush();
        }
    }

    public void Flush()
    {
        if (_batch.BatchCommands.Count == 0)
        {
            return;
        }

        _batch.ExecuteNonQuery();
        Counted();
    }

    /// <summary>
    /// Sends what is kept without holding the thread, once <see cref="Detach"/> has ended the scope on it (an awaited
    /// send resumes on another thread, and the scope must not stay open on this one).
    /// </summary>
    public async Task FlushAsync()
    {
        if (_batch.BatchCommands.Count == 0)
        {
            return;
        }

        await _batch.ExecuteNonQueryAsync().ConfigureAwait(false);
        Counted();
    }

    /// <summary>Ends the scope on this thread (statements run at once from now on); what is kept stays, for <see cref="FlushAsync"/>.</summary>
    public void Detach()
    {
        if (ReferenceEquals(t_open, this))
        {
            t_open = null;
        }
    }

    /// <summary>Closes the scope without sending: call <see cref="Flush"/> first for what must be kept.</summary>
    public void Dispose()
    {
        Detach();
        _batch.Dispose();
    }

    private void Counted()
    {
        _batch.BatchCommands.Clear();
        if (_counted.Count == 0)
        {
            return;
        }

        // A continuation may run statements of its own (read what a refused insert met): they run at once, as nothing is kept now.
        var counted = _counted.ToArray();
        _counted.Clear();
        foreach (var (command, then) in counted)
        {
            then(command.RecordsAffected);
        }
    }
}
