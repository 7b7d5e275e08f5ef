using Sip.Proxy;
using Sip.Transport;

namespace Reference.Storage;

/// <summary>The responses that wait for their call's record: passed at once with a journal, else released as batches are written.</summary>
public sealed partial class CallRecordWriter
{
    /// <summary>True when every record queued up to <paramref name="ticket"/> is written (or refused); else the waiter is released once it is.</summary>
    public bool PassOrWait(long ticket, IBarrierWaiter waiter)
    {
        if (Passed(ticket))
        {
            return true;
        }

        lock (_waitGate)
        {
            if (_done >= ticket)
            {
                return true;
            }

            _waiters.Add((ticket, waiter));
            return false;
        }
    }

    /// <summary>With a journal, every record counted is kept (it was copied into the journal before it was counted).</summary>
    public bool Passed(long ticket) => KeepsAtOnce || Volatile.Read(ref _done) >= ticket;

    /// <summary>Whether a record is kept (journalled) the moment it is queued, so that no response need wait for the store.</summary>
    public bool KeepsAtOnce => _journal is not null;

    /// <summary>Counts <paramref name="records"/> more as done and sends the responses that waited for them, on this thread.</summary>
    private void Done(int records)
    {
        long done;
        lock (_waitGate)
        {
            done = _done += records;
            if (_waiters.Count == 0)
            {
                return;
            }

            (_waiters, _releasing) = (_releasing, _waiters);
        }

        // The answers released together go out together: one sendmmsg per transport, not a sendto each.
        _sends ??= new CoalescedSends();
        _sends.Begin();
        try
        {
            ReleaseWaiting(done, records);
        }
        finally
        {
            _sends.End();
        }

        _releasing.Clear();
    }

    private void ReleaseWaiting(long done, int records)
    {
        foreach (var (ticket, waiter) in _releasing)
        {
            // When stopping (no records left, writer closing), everything still waiting goes.
            if (ticket <= done || records == 0)
            {
                Release(waiter);
            }
            else
            {
                lock (_waitGate)
                {
                    _waiters.Add((ticket, waiter));
                }
            }
        }
    }

    private void Release(IBarrierWaiter waiter)
    {
        try
        {
            waiter.Release();
        }
#pragma warning disable CA1031 // One response that cannot be sent (a transport closed under it) must not stop the others or the writer.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _failed?.Invoke(ex);
        }
    }
}
