namespace Sip.Transport;

/// <summary>
/// Datagrams sent on one thread between <see cref="Begin"/> and <see cref="End"/>, held and sent together: for each UDP
/// transport, one <c>sendmmsg</c> at the end instead of a <c>sendto</c> each. For a thread that sends many answers at
/// once outside a receive loop (which batches its own), such as the one that releases the final responses held for
/// their call records. Where batching is not available, or for a datagram that does not fit, sends go out at once as
/// usual. One scope per thread, reused: it keeps its native buffers until disposed.
/// </summary>
public sealed class CoalescedSends : IDisposable
{
    [ThreadStatic]
    private static CoalescedSends? t_open;

    private readonly List<(UdpSipTransport Transport, SendBatch Batch)> _batches = [];

    /// <summary>The scope open on this thread, if any.</summary>
    internal static CoalescedSends? Open => t_open;

    /// <summary>Holds the UDP sends this thread makes from now until <see cref="End"/>.</summary>
    public void Begin() => t_open = this;

    /// <summary>Sends what was held, one call per transport, and stops holding.</summary>
    public void End()
    {
        t_open = null;
        foreach (var (transport, batch) in _batches)
        {
            transport.Flush(batch);
        }
    }

    /// <summary>The batch this scope holds for <paramref name="transport"/>'s datagrams.</summary>
    internal SendBatch For(UdpSipTransport transport)
    {
        foreach (var (known, batch) in _batches)
        {
            if (ReferenceEquals(known, transport))
            {
                return batch;
            }
        }

        var made = new SendBatch();
        _batches.Add((transport, made));
        return made;
    }

    public void Dispose()
    {
        if (ReferenceEquals(t_open, this))
        {
            End();
        }

        foreach (var (_, batch) in _batches)
        {
            batch.Dispose();
        }

        _batches.Clear();
    }
}
