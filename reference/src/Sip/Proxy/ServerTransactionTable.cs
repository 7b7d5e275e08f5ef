using System.Net;
using Microsoft.Extensions.Logging;
using Sip.Transactions;
using Sip.Transport;

namespace Sip.Proxy;

/// <summary>
/// The proxy's server transactions by key: INVITEs until acknowledged and timer I, other requests until answered.
/// It makes each entry and its transaction, and hears from them when they settle (handed to the lingering tables) or
/// end (removed, and an answered INVITE remembered for timer L).
/// </summary>
internal sealed class ServerTransactionTable
{
    private readonly TransactionTimers _timers;
    private readonly TimeProvider _time;
    private readonly LingeringTables _lingering;
    private readonly ILogger _logger;
    // A plain dictionary under one lock rather than a concurrent one: the table holds only live transactions (an
    // intercepted call's until its ACK, a few milliseconds), so it is small and in cache, and the lock is nearly always
    // taken by the one receiving thread; a concurrent dictionary made a node per transaction and took a lock to add
    // and remove it all the same.
    private readonly Dictionary<TransactionKey, ServerEntry> _servers = new(TransactionKeyComparer.Instance);
    private readonly Dictionary<TransactionKey, ServerEntry>.AlternateLookup<RawTransactionKey> _byBytes;
    private readonly Lock _gate = new();

    // The overload check runs per INVITE and reads this without the lock.
    private int _count;

    public ServerTransactionTable(TransactionTimers timers, TimeProvider time, LingeringTables lingering, ILogger logger)
    {
        _timers = timers;
        _time = time;
        _lingering = lingering;
        _logger = logger;
        _byBytes = _servers.GetAlternateLookup<RawTransactionKey>();
    }

    public int Count => Volatile.Read(ref _count);

    public bool TryGet(TransactionKey key, out ServerEntry entry)
    {
        lock (_gate)
        {
            return _servers.TryGetValue(key, out entry!);
        }
    }

    /// <summary>Finds an entry by a key read from bytes (an ACK's), no string made for it.</summary>
    public bool TryGet(RawTransactionKey key, out ServerEntry entry)
    {
        lock (_gate)
        {
            return _byBytes.TryGetValue(key, out entry!);
        }
    }

    /// <summary>An entry for a new request, its transaction made and attached; not yet in the table (see <see cref="TryAdd"/>).</summary>
    public ServerEntry Create(SipRequest request, InboundMessage inbound)
    {
        var transport = inbound.Transport;
        var reliable = transport.Kind != TransportProtocol.Udp;

        // §18.2.2: over UDP to the Via's received/rport; over a connection back on it.
        var target = reliable ? inbound.Remote : ViaStamping.ResponseTarget(request, inbound.Remote) ?? inbound.Remote;
        if (target.Equals(inbound.Remote))
        {
            // The transport's endpoint object, not a copy per transaction (an IPv6 address written another way).
            target = inbound.Remote;
        }

        var entry = new ServerEntry(this, request) { Transport = transport, Target = target };
        entry.Attach(request.Kind == SipMethod.Invite
            ? new ServerInviteTransaction(request, entry, reliable, _time, _timers) { PoolsWireCopy = transport.CopiesOnSend }
            : new ServerNonInviteTransaction(request, entry, reliable, _time, _timers) { PoolsWireCopy = transport.CopiesOnSend });
        return entry;
    }

    /// <summary>Adds the entry under its key; false (and the entry's transaction disposed) when the key is taken.</summary>
    public bool TryAdd(TransactionKey key, ServerEntry entry)
    {
        bool added;
        lock (_gate)
        {
            added = _servers.TryAdd(key, entry);
            if (added)
            {
                _count++;
            }
        }

        if (!added)
        {
            entry.Transaction.Dispose();
            return false;
        }

        entry.Key = key;
        return true;
    }

    /// <summary>Puts a server transaction's response on the wire, after those it sent before (see <see cref="SendOrder"/>).</summary>
    public void Send(ISipTransport transport, SipMessage message, IPEndPoint to, ISendOrdered order)
    {
        if (transport is UdpSipTransport udp)
        {
            udp.Send(message, to, order);
            return;
        }

        Outbound.Send(transport, message, to, _logger);
    }

    /// <summary>The entry's transaction settled (over UDP: timer I or J): its key and answer move to a lean table, and it ends.</summary>
    public void OnSettled(ServerEntry entry)
    {
        if (entry.Key is { } key)
        {
            _lingering.ServerSettled(key, entry);
        }
    }

    public void OnEnded(ServerEntry entry)
    {
        if (entry.Key is not { } key)
        {
            return;
        }

        lock (_gate)
        {
            // Only this entry: another may hold the key by now (the same request again once this one ended).
            if (_servers.TryGetValue(key, out var held) && ReferenceEquals(held, entry))
            {
                _servers.Remove(key);
                _count--;
            }
        }

        entry.Context?.Dispose();
        entry.Transaction.Dispose();
        entry.ReleaseMessages();
        if (entry.Transaction is ServerInviteTransaction { AnsweredWith2xx: true })
        {
            _lingering.RememberAccepted(key);
        }
    }
}
