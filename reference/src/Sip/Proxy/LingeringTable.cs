using System.Net;
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
/// so they expire in the order they came, from a queue, on one wheel shot at a time.
/// </summary>
internal sealed class LingeringTable : ITimerTarget
{
    private readonly Dictionary<KeptKey, Lingering> _byKey = new(KeptKey.Comparer.Instance);
    private readonly Dictionary<KeptKey, Lingering>.AlternateLookup<TransactionKey> _byTransaction;
    private readonly Queue<(KeptKey Key, long Until)> _order = new();
    private readonly Lock _gate = new();
    private readonly WireArena _answers = new();
    private readonly TimerWheel _wheel;
    private readonly TimeProvider _time;
    private readonly TimeSpan _lifetime;
    private TimerWheel.Entry? _sweep;

    public LingeringTable(TimerWheel wheel, TimeProvider time, TimeSpan lifetime)
    {
        _wheel = wheel;
        _time = time;
        _lifetime = lifetime;
        _byTransaction = _byKey.GetAlternateLookup<TransactionKey>();
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
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
            var wire = answer is null ? ReadOnlyMemory<byte>.Empty : _answers.Keep(answer);
            var kept = KeptKey.Of(key, _answers);
            _byKey[kept] = new Lingering(wire, transport, target, until);
            _order.Enqueue((kept, until));
            _sweep ??= _wheel.Schedule(_lifetime, this, 0);
        }
    }

    public bool TryGet(TransactionKey key, out Lingering lingering)
    {
        lock (_gate)
        {
            return _byTransaction.TryGetValue(key, out lingering);
        }
    }

    void ITimerTarget.Fire(TimerWheel.Entry shot)
    {
        var now = _time.GetTimestamp();
        lock (_gate)
        {
            while (_order.TryPeek(out var next) && next.Until <= now)
            {
                _order.Dequeue();

                // A key remembered again has a later entry in the queue: only that one removes it (put back otherwise;
                // one lookup for the usual case rather than a look and then a removal).
                if (_byKey.Remove(next.Key, out var current) && current.Until != next.Until)
                {
                    _byKey[next.Key] = current;
                }
            }

            _sweep = _order.TryPeek(out var head)
                ? _wheel.Schedule(TimeSpan.FromSeconds((double)(head.Until - now) / _time.TimestampFrequency), this, 0)
                : null;
        }
    }

    /// <summary>What a remembered request gets when it comes again: the answer's wire bytes, or nothing (absorbed).</summary>
    internal readonly record struct Lingering(ReadOnlyMemory<byte> Answer, ISipTransport? Transport, IPEndPoint? Target, long Until);
}
