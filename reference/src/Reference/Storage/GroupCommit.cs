using System.Data.Common;

namespace Reference.Storage;

/// <summary>
/// Commits the writes of concurrent callers together: each caller's work waits in a list, a thread of its own runs
/// every work that waited in one transaction and commits once, and each caller returns only after the commit that holds
/// its work (or with the error that refused it). A commit that must reach the disk (PostgreSQL's fsync) is paid once per
/// batch instead of once per request; nothing is answered before it is kept. No batch waits on purpose: the next one
/// gathers while the last commits. When a batch fails, its works are run again each in a transaction of its own, so
/// that one refused write (a constraint, a bad value) refuses only its own caller.
/// </summary>
internal sealed class GroupCommit : IDisposable
{
    /// <summary>Most works in one transaction: a batch of a few hundred already pays its commit a few microseconds a work.</summary>
    public const int MostPerBatch = 500;

    private readonly Action<Action<DbTransaction>> _commit;
    private readonly object _gate = new();
    private readonly Thread _thread;
    private List<Pending> _waiting = [];
    private List<Pending> _running = [];
    private bool _closed;

    /// <param name="commit">Runs one work in one transaction, committed before it returns (<see cref="SqlDatabase"/>'s own write).</param>
    public GroupCommit(Action<Action<DbTransaction>> commit, string name)
    {
        _commit = commit;
        _thread = new Thread(Run) { IsBackground = true, Name = name };
        _thread.Start();
    }

    /// <summary>Batches committed, and works in them: their ratio is how many writes a commit carried.</summary>
    public long Batches { get; private set; }

    public long Works { get; private set; }

    /// <summary>Runs <paramref name="work"/> in the next transaction and returns once that transaction is committed.</summary>
    public void Write(Action<DbTransaction> work)
    {
        if (Thread.CurrentThread == _thread)
        {
            // A work that writes again from inside the batch would wait for itself.
            _commit(work);
            return;
        }

        // A blocking wait on a pool thread tells the pool that the thread is blocked, so that it adds threads rather
        // than let the requests that would join the next batch queue behind the waiting ones. Requests that write
        // often await instead (WriteAsync) and hold no thread at all.
        Enqueue(work).GetAwaiter().GetResult();
    }

    /// <summary>Runs <paramref name="work"/> in the next transaction; completes once that transaction is committed (or faults with what refused it).</summary>
    public Task WriteAsync(Action<DbTransaction> work)
    {
        if (Thread.CurrentThread == _thread)
        {
            _commit(work);
            return Task.CompletedTask;
        }

        return Enqueue(work);
    }

    private Task Enqueue(Action<DbTransaction> work)
    {
        var pending = new Pending(work);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_closed, this);
            _waiting.Add(pending);
            if (_waiting.Count == 1)
            {
                Monitor.Pulse(_gate);
            }
        }

        return pending.Done.Task;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _closed = true;
            Monitor.Pulse(_gate);
        }

        _thread.Join();
    }

    private void Run()
    {
        while (true)
        {
            lock (_gate)
            {
                while (_waiting.Count == 0 && !_closed)
                {
                    Monitor.Wait(_gate);
                }

                if (_waiting.Count == 0)
                {
                    return;
                }

                if (_waiting.Count <= MostPerBatch)
                {
                    (_running, _waiting) = (_waiting, _running);
                }
                else
                {
                    _running.AddRange(_waiting.GetRange(0, MostPerBatch));
                    _waiting.RemoveRange(0, MostPerBatch);
                }
            }

            Commit(_running);
            Batches++;
            Works += _running.Count;
            foreach (var pending in _running)
            {
                if (pending.Error is { } error)
                {
                    pending.Done.TrySetException(error);
                }
                else
                {
                    pending.Done.TrySetResult();
                }
            }

            _running.Clear();
        }
    }

    private void Commit(List<Pending> batch)
    {
        if (batch.Count == 1)
        {
            Alone(batch[0]);
            return;
        }

        try
        {
            _commit(tx =>
            {
                using var deferred = DeferredStatements.Open(tx);
                foreach (var pending in batch)
                {
                    pending.Work(tx);
                }

                deferred?.Flush();
            });
        }
        // Boundary: a batch fails as a whole whatever any one work threw; each work then runs alone and reports its own error.
#pragma warning disable CA1031
        catch (Exception)
#pragma warning restore CA1031
        {
            // Rolled back whole: nothing of the batch is kept. Each work alone finds out whose it was.
            foreach (var pending in batch)
            {
                Alone(pending);
            }
        }
    }

    private void Alone(Pending pending)
    {
        try
        {
            _commit(pending.Work);
        }
        // Boundary: the commit thread hands whatever a work threw to the request that awaits it, which rethrows it.
#pragma warning disable CA1031
        catch (Exception ex)
#pragma warning restore CA1031
        {
            pending.Error = ex;
        }
    }

    private sealed class Pending(Action<DbTransaction> work)
    {
        public Action<DbTransaction> Work { get; } = work;

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Exception? Error { get; set; }
    }
}
