using System.Collections.Concurrent;
using Sip.Transactions;

namespace Sip.Proxy;

/// <summary>
/// The key of an INVITE answered 2xx, remembered for 64·T1 (RFC 6026): its own wheel target, so that each of the tens
/// of thousands remembered at a time costs one small object rather than a delegate and a closure.
/// </summary>
internal sealed class AcceptedInvite(ConcurrentDictionary<TransactionKey, TimerWheel.Entry> table, TransactionKey key) : ITimerTarget
{
    public void Fire(TimerWheel.Entry shot) => table.TryRemove(new KeyValuePair<TransactionKey, TimerWheel.Entry>(key, shot));
}
