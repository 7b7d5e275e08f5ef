using System.Net;
using System.Runtime.InteropServices;
using static Sip.Transport.MultiMessageSyscalls;

namespace Sip.Transport;

/// <summary>
/// Room for the datagrams one <c>recvmmsg</c> takes off a socket: per slot a buffer as large as any datagram and a
/// source address, in native memory that one receive loop owns for its life. Under load the next datagrams are usually
/// queued already, and taking them together costs one crossing into the kernel instead of one each.
/// </summary>
internal sealed unsafe class ReceiveBatch : IDisposable
{
    /// <summary>Datagrams taken at most in one call.</summary>
    public const int Slots = 16;

    // Any UDP payload fits (65,507 bytes over IPv4, 65,527 over IPv6), so no datagram is ever cut short. Pages a slot's
    // datagrams never reach are never touched, and cost no memory.
    private const int SlotBytes = 65_536;
    private const int NameBytes = 128; // sizeof(struct sockaddr_storage)

    private readonly MessageHeader* _headers;
    private readonly IoVector* _vectors;
    private readonly byte* _names;
    private readonly byte* _buffers;
    private bool _disposed;

    public ReceiveBatch()
    {
        _headers = (MessageHeader*)NativeMemory.AllocZeroed((nuint)(Slots * sizeof(MessageHeader)));
        _vectors = (IoVector*)NativeMemory.AllocZeroed((nuint)(Slots * sizeof(IoVector)));
        _names = (byte*)NativeMemory.AllocZeroed(Slots * NameBytes);
        _buffers = (byte*)NativeMemory.Alloc((nuint)Slots * SlotBytes);
        for (var i = 0; i < Slots; i++)
        {
            _vectors[i].Base = _buffers + ((nint)i * SlotBytes);
            _vectors[i].Length = SlotBytes;
            _headers[i].Message.Vectors = _vectors + i;
            _headers[i].Message.VectorCount = 1;
            _headers[i].Message.Name = _names + (i * NameBytes);
        }
    }

    /// <summary>Waits for a datagram and takes those queued behind it too (<see cref="MultiMessageSyscalls.ReceiveWaiting"/>).</summary>
    public int ReceiveWaiting(SafeHandle socket, out int error)
    {
        Reset();
        return MultiMessageSyscalls.ReceiveWaiting(socket, _headers, Slots, out error);
    }

    /// <summary>Takes the datagrams queued now without waiting: how many, 0 when none, -1 on an error (closed, a reported ICMP error).</summary>
    public int ReceiveQueued(SafeHandle socket)
    {
        Reset();
        return MultiMessageSyscalls.Receive(socket, _headers, Slots);
    }

    private void Reset()
    {
        for (var i = 0; i < Slots; i++)
        {
            _headers[i].Message.NameLength = NameBytes;
            _headers[i].Message.Flags = 0;
        }
    }

    /// <summary>The datagram in slot <paramref name="index"/> of the last receive; valid until the next one.</summary>
    public ReadOnlySpan<byte> Datagram(int index) => new(_vectors[index].Base, (int)Math.Min(_headers[index].Length, SlotBytes));

    /// <summary>Copies the source of the datagram in slot <paramref name="index"/> into <paramref name="address"/>.</summary>
    /// <returns>
    /// False when the slot has no source: a socket shut down to stop its loop yields one empty read with no sender,
    /// while every datagram, even an empty one, has a sender.
    /// </returns>
    public bool SourceOf(int index, SocketAddress address)
    {
        var length = (int)Math.Min(_headers[index].Message.NameLength, (uint)address.Buffer.Length);
        if (length == 0)
        {
            return false;
        }

        new ReadOnlySpan<byte>(_headers[index].Message.Name, length).CopyTo(address.Buffer.Span);
        address.Size = length;
        return true;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        NativeMemory.Free(_buffers);
        NativeMemory.Free(_names);
        NativeMemory.Free(_vectors);
        NativeMemory.Free(_headers);
    }
}
