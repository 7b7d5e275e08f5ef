using System.Collections.Concurrent;
using Screening.Counters;
using StackExchange.Redis;

namespace Reference.Cluster;

/// <summary>Events on their way: a reservation's round trip, with the queued events written ahead of it, and the queues' own flushes.</summary>
public sealed partial class RedisEventWindows
{
    /// <summary>
    /// The check and reserve a screening thread waits on, over a blocking connection it holds for the call (an idle one,
    /// or a new one), with the events queued since the last round trip written ahead of it in the same send. A connection
    /// that failed is closed, so that the next call opens a fresh one; events whose reply did not come go to the backlog.
    /// </summary>
    internal RespReply Reserve(PendingEvent reservation, int limit)
    {
        var shard = _shards.Of(reservation.Key);
        shard.Idle.TryTake(out var connection);
        var carried = new List<PendingEvent>();
        try
        {
            connection ??= Connect(shard);
            Take(shard, carried, MaxCarried);
            foreach (var pending in carried)
            {
                pending.WriteTo(connection);
            }

            connection.Command(10).Bulk("EVALSHA").Bulk(ReserveSha).Bulk(1).Bulk((string)reservation.Key!)
                .Bulk(reservation.Micros).Bulk(reservation.From).Bulk(reservation.Capacity).Bulk(reservation.Member)
                .Bulk(reservation.TtlMilliseconds).Bulk(limit);
            connection.Send();
            Acknowledge(connection, carried);
            var answer = connection.Read();
            if (answer.Error is { } error)
            {
                Moved(error);
                throw new IOException($"Redis refused the reservation: {error}");
            }

            shard.Idle.Add(connection);
            return answer;
        }
        catch (Exception ex)
        {
            connection?.Dispose();
            Unsent(ex, carried);
            throw;
        }
    }

    /// <summary>
    /// Queues an event no one waits on: it goes ahead of the next reservation, or with the timer's flush, whichever comes
    /// first. An urgent one (a flag, which stops a caller on every node) is flushed at once on a pool thread. While Redis
    /// is away, or events counted during an outage still wait for replay, it goes behind them.
    /// </summary>
    internal void SendLater(PendingEvent pending, bool urgent = false)
    {
        if (!Usable)
        {
            Skipped(pending);
            return;
        }

        if (!_backlog.IsEmpty)
        {
            Enqueue(pending);
            ReplaySoon();
            return;
        }

        _shards.Of(pending.Key).Outbox.Enqueue(pending);
        if (Interlocked.Increment(ref _queued) >= MaxCarried || urgent)
        {
            ThreadPool.UnsafeQueueUserWorkItem(_ => FlushQueued(), null);
        }
        else if (Interlocked.CompareExchange(ref _timerArmed, 1, 0) == 0)
        {
            try
            {
                _flushTimer.Change(FlushInterval, Timeout.InfiniteTimeSpan);
            }
            catch (ObjectDisposedException)
            {
                // The node is stopping: what is queued goes nowhere, as an unanswered event always might.
            }
        }
    }

    /// <summary>Disarmed before it flushes: an event queued from here on arms it again.</summary>
    private void TimerFlush()
    {
        Volatile.Write(ref _timerArmed, 0);
        FlushQueued();
    }

    /// <summary>
    /// Sends whatever is queued, in batches, each to its shard, on this thread; one flush at a time. The queues are looked
    /// at again after the flush lets go, so an event queued while another thread flushed (whose own flush found the gate
    /// shut) is never left behind.
    /// </summary>
    private void FlushQueued()
    {
        while (AnyQueued() && Interlocked.CompareExchange(ref _flushing, 1, 0) == 0)
        {
            try
            {
                foreach (var shard in _shards.All)
                {
                    Flush(shard);
                }
            }
            finally
            {
                Volatile.Write(ref _flushing, 0);
            }
        }
    }

    private bool AnyQueued()
    {
        foreach (var shard in _shards.All)
        {
            if (!shard.Outbox.IsEmpty)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>One batch of the shard's queue over one of its connections.</summary>
    private void Flush(RedisShard shard)
    {
        if (shard.Outbox.IsEmpty)
        {
            return;
        }

        var carried = new List<PendingEvent>();
        RespConnection? connection = null;
        try
        {
            if (!Usable)
            {
                Take(shard, carried, int.MaxValue);
                foreach (var pending in carried)
                {
                    Enqueue(pending);
                }

                return;
            }

            shard.Idle.TryTake(out connection);
            connection ??= Connect(shard);
            Take(shard, carried, 4 * MaxCarried);
            foreach (var pending in carried)
            {
                pending.WriteTo(connection);
            }

            connection.Send();
            Acknowledge(connection, carried);
            shard.Idle.Add(connection);
        }
#pragma warning disable CA1031 // Boundary: a timer's flush must not take the process down; what it carried is queued for replay.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            connection?.Dispose();
            Unsent(ex, carried);
        }
    }

    private RespConnection Connect(RedisShard shard) => new(shard.EndPoint, _password, _timeoutMilliseconds, PendingEvent.Scripts);

    private void Take(RedisShard shard, List<PendingEvent> into, int most)
    {
        var before = into.Count;
        while (into.Count < most && shard.Outbox.TryDequeue(out var pending))
        {
            into.Add(pending);
        }

        Interlocked.Add(ref _queued, before - into.Count);
    }

    /// <summary>A server answered that a key's slot is another's: the cluster's slots are read again for the next batches.</summary>
    private void Moved(string error)
    {
        if (error.StartsWith("MOVED", StringComparison.Ordinal) || error.StartsWith("ASK", StringComparison.Ordinal))
        {
            _shards.Refresh();
        }
    }

    /// <summary>Reads the carried events' replies, in order; each read is taken off the list, so that what is left was not acknowledged.</summary>
    private void Acknowledge(RespConnection connection, List<PendingEvent> carried)
    {
        var read = 0;
        try
        {
            for (; read < carried.Count; read++)
            {
                if (connection.Read().Error is { } error)
                {
                    Moved(error);
                    // The server answered, but refused the script: kept for replay, which goes through the multiplexer's own loading.
                    Failed(new IOException($"Redis refused a queued event: {error}"), carried[read]);
                }
                else
                {
                    Health.Operation();
                }
            }
        }
        finally
        {
            carried.RemoveRange(0, read);
        }
    }

    private void Unsent(Exception ex, List<PendingEvent> carried)
    {
        foreach (var pending in carried)
        {
            Failed(ex, pending);
        }

        carried.Clear();
    }
}
