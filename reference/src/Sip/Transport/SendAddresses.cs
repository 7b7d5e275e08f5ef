using System.Net;

namespace Sip.Transport;

/// <summary>
/// The native socket address of each recent destination, for <see cref="SocketSyscalls.TrySend"/>. A proxy sends to
/// a few peers again and again, mostly through the very <see cref="IPEndPoint"/> objects its receive loop made for
/// them, so a destination is found by reference first. Any thread may send: a slot is replaced whole, never changed.
/// </summary>
internal sealed class SendAddresses
{
    private const int Remembered = 8;
    private readonly Entry?[] _entries = new Entry?[Remembered];
    private int _next;

    public ReadOnlySpan<byte> For(IPEndPoint remote)
    {
        var entries = _entries;
        for (var i = 0; i < entries.Length; i++)
        {
            if (entries[i] is { } entry && ReferenceEquals(entry.EndPoint, remote))
            {
                return entry.Address;
            }
        }

        for (var i = 0; i < entries.Length; i++)
        {
            if (entries[i] is { } entry && entry.EndPoint.Equals(remote))
            {
                return entry.Address;
            }
        }

        var serialized = remote.Serialize();
        var added = new Entry(remote, serialized.Buffer.Span[..serialized.Size].ToArray());
        entries[(int)((uint)Interlocked.Increment(ref _next) % Remembered)] = added;
        return added.Address;
    }

    private sealed record Entry(IPEndPoint EndPoint, byte[] Address);
}
