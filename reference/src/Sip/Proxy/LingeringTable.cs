using System.Net;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Sip.Transactions;
using Sip.Transport;

namespace Sip.Proxy;

/// <summary>
/// Requests this proxy is done with but must still recognise for 64·T1: INVITEs answered 2xx (RFC 6026 "Accepted":
/// their retransmissions are absorbed) and non-INVITE requests answered over UDP (§17.2.2 timer J: their
/// retransmissions get the same final response again). A proxy at thousands of calls a second remembers tens of
/// thousands of them at a time, and what it keeps alive that long its garbage collector marks again and again; so
/// each is a key and a value stored inline in a dictionary (the key's text and the answer's wire bytes, if any, in the
/// table's <see cref="WireArena"/>) instead of a lingering transaction of some twenty objects. All share one lifetime,
/// so they expire in the order they came, from a queue, on one wheel shot at a time. The shot is at most one a
/// <see cref="SweepEvery"/>: a key past its time and not yet swept is no longer found (every lookup that finds one
/// checks its time), so sweeping is only about memory, and a sweep per tick would wake the wheel's thread for it.
/// </summary>
internal sealed class LingeringTable : ITimerTarget
{
    /// <summary>The least time between two sweeps: what a table holds past its keys' lifetime is at most this much more.</summary>
    internal static readonly TimeSpan SweepEvery = TimeSpan.FromSeconds(1);

    private readonly Dictionary<KeptKey, Lingering> _byKey = new(KeptKey.Comparer.Instance);
    private readonly Dictionary<KeptKey, Lingering>.AlternateLookup<TransactionKey> _byTransaction;
    private readonly Queue<(KeptKey Key, long Until, long Mark)> _order = new();
    private readonly Lock _gate = new();
    private readonly WireArena _answers = new();
    private readonly TimerWheel _wheel;
    private readonly TimeProvider _time;
    private readonly TimeSpan _lifetime;
    // The sweep's shot, inline; pending while the table holds anything.
    private TimerShot _sweep;

    public LingeringTable(TimerWheel wheel, TimeProvider time, TimeSpan lifetime)
    {
        _wheel = wheel;
        _time = time;
        _lifetime = lifetime;
        _byTransaction = _byKey.GetAlternateLookup<TransactionKey>();
    }

    /// <summary>The keys a lookup would find now (what is past its time is swept first).</summary>
    public int Count
    {
        get
        {
            var now = _time.GetTimestamp();
            lock (_gate)
            {
                Sweep(now);
                return _byKey.Count;
            }
        }
    }

    /// <summary>Remembers <paramref name="key"/> for the table's lifetime from now (again, if it was remembered already).</summary>
    public void Remember(TransactionKey key, SipMessage? answer = null, ISipTransport? transport = null, IPEndPoint? target = null)
    {
        var until = _time.GetTimestamp() + (long)(_lifetime.TotalSeconds * _time.TimestampFrequency);
        lock (_gate)
        {
            var mark = _answers.Mark;
            var wire = answer is null ? ReadOnlyMemory<byte>.Empty : _answers.Keep(answer);
            var kept = KeptKey.Of(key, _answers);
            var lingering = new Lingering(wire, transport, target, until);
            ref var entry = ref CollectionsMarshal.GetValueRefOrAddDefault(_byKey, kept, out var known);
            if (known)
            {
                // A key remembered again is keyed by its new text too: the old text lies in a chunk that goes back to
                // the arena when the old entry's time is up, while this one lives on.
                _byKey.Remove(kept);
                _byKey.Add(kept, lingering);
            }
            else
            {
                entry = lingering;
            }

            _order.Enqueue((kept, until, mark));
            if (!_sweep.Pending)
            {
                _wheel.Schedule(_lifetime, this, 0);
                _sweep.Pending = true;
            }
        }
    }

    public bool Contains(TransactionKey key)
    {
        lock (_gate)
        {
            return _byTransaction.TryGetValue(key, out var lingering) && Lives(lingering);
        }
    }

    /// <summary>
    /// What a remembered request gets when it comes again: the answer to send (copied out of the arena here, under the
    /// lock, since its chunk may be written over once its time is up), or none when it is absorbed.
    /// </summary>
    public bool TryGetAnswer(TransactionKey key, out Resend resend)
    {
        lock (_gate)
        {
            if (!_byTransaction.TryGetValue(key, out var lingering) || !Lives(lingering))
            {
                resend = default;
                return false;
            }

            resend = new Resend(lingering.Answer.IsEmpty ? null : SipMessage.OfWire(lingering.Answer), lingering.Transport, lingering.Target);
            return true;
        }
    }

    ref TimerShot ITimerTarget.ShotOf(int id) => ref _sweep;

    void ITimerTarget.Fire(int id, int generation)
    {
        var now = _time.GetTimestamp();
        lock (_gate)
        {
            Sweep(now);
            if (_order.TryPeek(out var head))
            {
                var untilHead = TimeSpan.FromSeconds((double)(head.Until - now) / _time.TimestampFrequency);
                _wheel.Schedule(untilHead > SweepEvery ? untilHead : SweepEvery, this, 0);
            }
            else
            {
                _sweep.Pending = false;
            }
        }
    }

    // Only a hit pays for reading the clock: a lookup that finds nothing, as for every new call, does not.
    private bool Lives(Lingering lingering) => lingering.Until > _time.GetTimestamp();

    /// <summary>Forgets every key whose time is up at <paramref name="now"/>, and gives back the arena's chunks none of the rest lies in. Under the lock.</summary>
    private void Sweep(long now)
    {
        while (_order.TryPeek(out var next) && next.Until <= now)
        {
            _order.Dequeue();

            // A key remembered again has a later entry in the queue: only that one removes it.
            ref var current = ref CollectionsMarshal.GetValueRefOrNullRef(_byKey, next.Key);
            if (!Unsafe.IsNullRef(ref current) && current.Until == next.Until)
            {
                _byKey.Remove(next.Key);
            }
        }

        // Nothing the table keeps lies in a chunk before its oldest entry's.
        _answers.ReleaseBefore(_order.TryPeek(out var oldest) ? oldest.Mark : _answers.Mark);
    }

    /// <summary>A remembered request: its answer's wire bytes in the arena (or none: absorbed), and where it went.</summary>
    private readonly record struct Lingering(ReadOnlyMemory<byte> Answer, ISipTransport? Transport, IPEndPoint? Target, long Until);

    /// <summary>The answer a remembered request gets again (null: absorbed), on the transport and to the target it went before.</summary>
    internal readonly record struct Resend(SipMessage? Answer, ISipTransport? Transport, IPEndPoint? Target);
}
