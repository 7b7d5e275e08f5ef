using System.Net;
using System.Runtime.InteropServices;
using static Sip.Transport.MultiMessageSyscalls;

namespace Sip.Transport;

/// <summary>
/// The datagrams a receive loop's handlers send while it works through what it received, held in native memory and
/// sent together by one <c>sendmmsg</c> when the loop is done with them (<see cref="Flush"/>): one crossing into the
/// kernel for the answers to a batch instead of one each. Only the receive loop's own thread queues here; it is not
/// thread-safe.
/// </summary>
internal sealed unsafe class SendBatch : IDisposable
{
    public const int Slots = 32;
    private const int DataBytes = 128 * 1024;
    private const int NameBytes = 28; // sizeof(struct sockaddr_in6), the largest address a UDP socket sends to

    private readonly MessageHeader* _headers;
    private readonly IoVector* _vectors;
    private readonly byte* _names;
    private readonly byte* _data;
    private readonly IPEndPoint?[] _remotes = new IPEndPoint?[Slots];

    // The transaction of each queued provisional response, whose later send from another thread withdraws it (SendOrder).
    private readonly ISendOrdered?[] _orders = new ISendOrdered?[Slots];
    private readonly bool[] _withdrawn = new bool[Slots];
    private int _ordered;
    private int _count;
    private int _used;
    private bool _disposed;

    public SendBatch()
    {
        _headers = (MessageHeader*)NativeMemory.AllocZeroed((nuint)(Slots * sizeof(MessageHeader)));
        _vectors = (IoVector*)NativeMemory.AllocZeroed((nuint)(Slots * sizeof(IoVector)));
        _names = (byte*)NativeMemory.AllocZeroed(Slots * NameBytes);
        _data = (byte*)NativeMemory.Alloc(DataBytes);
        for (var i = 0; i < Slots; i++)
        {
            _headers[i].Message.Vectors = _vectors + i;
            _headers[i].Message.VectorCount = 1;
            _headers[i].Message.Name = _names + (i * NameBytes);
        }
    }

    /// <summary>Sends one datagram the batch call did not take, by the socket's own call.</summary>
    public delegate void SendOne(ReadOnlySpan<byte> datagram, IPEndPoint remote);

    /// <summary>Datagrams queued and not yet flushed.</summary>
    public int Count => _count;

    /// <summary>Whether a datagram of <paramref name="length"/> bytes fits beside those queued (flush first when it does not).</summary>
    public bool HasRoom(int length, int addressLength) => _count < Slots && _used + length <= DataBytes && addressLength <= NameBytes;

    /// <summary>Copies a datagram and its native destination address in; the caller checked <see cref="HasRoom"/>.</summary>
    /// <param name="order">The transaction of a provisional response, which a send from another thread may withdraw before the flush.</param>
    public void Add(ReadOnlySpan<byte> datagram, ReadOnlySpan<byte> address, IPEndPoint remote, ISendOrdered? order = null)
    {
        if (order is not null)
        {
            _orders[_count] = order;
            _ordered++;
        }

        var at = _data + _used;
        datagram.CopyTo(new Span<byte>(at, datagram.Length));
        address.CopyTo(new Span<byte>(_headers[_count].Message.Name, NameBytes));
        _headers[_count].Message.NameLength = (uint)address.Length;
        _vectors[_count].Base = at;
        _vectors[_count].Length = (nuint)datagram.Length;
        _remotes[_count] = remote;
        _used += datagram.Length;
        _count++;
    }

    /// <summary>
    /// Sends what is queued: as many as the kernel takes at once, and each it would not take (a full buffer, an
    /// error) through <paramref name="sendOne"/>, the socket's own blocking call, before the rest go on together.
    /// </summary>
    public void Flush(SafeHandle socket, SendOne sendOne)
    {
        try
        {
            if (_ordered == 0)
            {
                Send(socket, sendOne, 0, _count);
                return;
            }

            // The queued provisional responses whose transaction sent since from another thread do not go; the rest go
            // in runs between them, in the order queued.
            for (var i = 0; i < _count; i++)
            {
                _withdrawn[i] = _orders[i] is { } order && !order.Order.BeginFlush();
            }

            var start = 0;
            for (var i = 0; i <= _count; i++)
            {
                if (i == _count || _withdrawn[i])
                {
                    Send(socket, sendOne, start, i);
                    start = i + 1;
                }
            }
        }
        finally
        {
            if (_ordered > 0)
            {
                for (var i = 0; i < _count; i++)
                {
                    _orders[i]?.Order.EndFlush();
                }

                Array.Clear(_orders, 0, _count);
                Array.Clear(_withdrawn, 0, _count);
                _ordered = 0;
            }

            Array.Clear(_remotes, 0, _count);
            _count = 0;
            _used = 0;
        }
    }

    private void Send(SafeHandle socket, SendOne sendOne, int from, int to)
    {
        var next = from;
        while (next < to)
        {
            var sent = Math.Max(0, MultiMessageSyscalls.Send(socket, _headers + next, to - next));
            next += sent;
            if (next < to && sent == 0)
            {
                sendOne(new ReadOnlySpan<byte>(_vectors[next].Base, (int)_vectors[next].Length), _remotes[next]!);
                next++;
            }
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        NativeMemory.Free(_data);
        NativeMemory.Free(_names);
        NativeMemory.Free(_vectors);
        NativeMemory.Free(_headers);
    }
}
