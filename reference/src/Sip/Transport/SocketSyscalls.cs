using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Sip.Transport;

/// <summary>
/// <c>sendto</c>, <c>recvfrom</c>, <c>send</c> and <c>recv</c> from the C library, called with <c>MSG_DONTWAIT</c> and
/// without the runtime's transition into native code, for the transports' busy paths on Linux.
/// </summary>
/// <remarks>
/// <para>
/// Under load a UDP proxy spends most of its own (user) time around its system calls rather than in them: on the
/// forward path the node makes seven sends and six receives a call, and <see cref="Socket.SendTo(ReadOnlySpan{byte}, SocketFlags, System.Net.SocketAddress)"/>
/// and <see cref="Socket.ReceiveFrom(Span{byte}, SocketFlags, System.Net.SocketAddress)"/> add their own layers (the
/// socket's checks, the handle's reference count, a marshalling stub, the runtime's switch to preemptive mode and
/// back) to each.
/// </para>
/// <para>
/// A call without that switch must not block, or a collection would wait for it: both are made with
/// <c>MSG_DONTWAIT</c>, so a full send buffer or an empty queue answers at once with <c>EAGAIN</c>, and the caller
/// falls back to the socket's own blocking call. Nothing here is used off Linux, or when the C library cannot be
/// found; the transport then uses the socket's calls alone.
/// </para>
/// </remarks>
internal static unsafe class SocketSyscalls
{
    private const int DontWait = 0x40; // MSG_DONTWAIT on Linux
    private const int NoSignal = 0x4000; // MSG_NOSIGNAL: a peer that closed answers EPIPE, not SIGPIPE
    private const int Again = 11; // EAGAIN (= EWOULDBLOCK) on Linux

    private static readonly delegate* unmanaged[SuppressGCTransition]<int, byte*, nuint, int, byte*, uint, nint> s_sendTo;
    private static readonly delegate* unmanaged[SuppressGCTransition]<int, byte*, nuint, int, byte*, uint*, nint> s_receiveFrom;
    private static readonly delegate* unmanaged[SuppressGCTransition]<int, byte*, nuint, int, nint> s_send;
    private static readonly delegate* unmanaged[SuppressGCTransition]<int, byte*, nuint, int, nint> s_receive;

    static SocketSyscalls()
    {
        if (!OperatingSystem.IsLinux() || !NativeLibrary.TryLoad("libc.so.6", out var libc))
        {
            return;
        }

        if (NativeLibrary.TryGetExport(libc, "sendto", out var sendTo) && NativeLibrary.TryGetExport(libc, "recvfrom", out var receiveFrom)
            && NativeLibrary.TryGetExport(libc, "send", out var send) && NativeLibrary.TryGetExport(libc, "recv", out var receive))
        {
            s_sendTo = (delegate* unmanaged[SuppressGCTransition]<int, byte*, nuint, int, byte*, uint, nint>)sendTo;
            s_receiveFrom = (delegate* unmanaged[SuppressGCTransition]<int, byte*, nuint, int, byte*, uint*, nint>)receiveFrom;
            s_send = (delegate* unmanaged[SuppressGCTransition]<int, byte*, nuint, int, nint>)send;
            s_receive = (delegate* unmanaged[SuppressGCTransition]<int, byte*, nuint, int, nint>)receive;
        }
    }

    /// <summary>Whether the calls were found; when not, every attempt answers <see cref="Outcome.Unavailable"/>.</summary>
    public static bool Available => s_sendTo is not null;

    public enum Outcome
    {
        /// <summary>Sent, or a datagram received.</summary>
        Done,

        /// <summary>The call would have waited (buffer full, nothing queued): make the socket's blocking call.</summary>
        WouldBlock,

        /// <summary>The call failed with an error the socket's own call would raise; make that call to get it.</summary>
        Failed,

        /// <summary>Not on this platform.</summary>
        Unavailable,
    }

    /// <summary>Sends one datagram to <paramref name="address"/> (a native sockaddr) without waiting.</summary>
    public static Outcome TrySend(SafeHandle socket, ReadOnlySpan<byte> datagram, ReadOnlySpan<byte> address)
    {
        if (s_sendTo is null)
        {
            return Outcome.Unavailable;
        }

        if (!TryHold(socket, out var fd))
        {
            return Outcome.Failed;
        }

        nint result;
        int error;
        try
        {
            fixed (byte* bytes = datagram)
            fixed (byte* to = address)
            {
                result = s_sendTo(fd, bytes, (nuint)datagram.Length, DontWait, to, (uint)address.Length);
                error = ErrorOf(result);
            }
        }
        finally
        {
            socket.DangerousRelease();
        }

        return OutcomeOf(result, error, out _);
    }

    /// <summary>Takes the next queued datagram into <paramref name="buffer"/> and its source into <paramref name="from"/>, without waiting.</summary>
    public static Outcome TryReceive(SafeHandle socket, Span<byte> buffer, System.Net.SocketAddress from, out int length)
    {
        length = 0;
        if (s_receiveFrom is null)
        {
            return Outcome.Unavailable;
        }

        if (!TryHold(socket, out var fd))
        {
            return Outcome.Failed;
        }

        var source = from.Buffer.Span;
        var sourceLength = (uint)source.Length;
        nint result;
        int error;
        try
        {
            fixed (byte* bytes = buffer)
            fixed (byte* address = source)
            {
                result = s_receiveFrom(fd, bytes, (nuint)buffer.Length, DontWait, address, &sourceLength);
                error = ErrorOf(result);
            }
        }
        finally
        {
            socket.DangerousRelease();
        }

        if (result >= 0)
        {
            from.Size = (int)Math.Min(sourceLength, (uint)source.Length);
        }

        return OutcomeOf(result, error, out length);
    }

    /// <summary>Writes what the connection's send buffer takes of <paramref name="bytes"/> now, without waiting: <paramref name="sent"/> may be short.</summary>
    public static Outcome TrySend(SafeHandle socket, ReadOnlySpan<byte> bytes, out int sent)
    {
        sent = 0;
        if (s_send is null)
        {
            return Outcome.Unavailable;
        }

        if (!TryHold(socket, out var fd))
        {
            return Outcome.Failed;
        }

        nint result;
        int error;
        try
        {
            fixed (byte* data = bytes)
            {
                result = s_send(fd, data, (nuint)bytes.Length, DontWait | NoSignal);
                error = ErrorOf(result);
            }
        }
        finally
        {
            socket.DangerousRelease();
        }

        return OutcomeOf(result, error, out sent);
    }

    /// <summary>Reads what the connection has received into <paramref name="buffer"/>, without waiting; a <paramref name="length"/> of 0 is the peer's close.</summary>
    public static Outcome TryReceive(SafeHandle socket, Span<byte> buffer, out int length)
    {
        length = 0;
        if (s_receive is null)
        {
            return Outcome.Unavailable;
        }

        if (!TryHold(socket, out var fd))
        {
            return Outcome.Failed;
        }

        nint result;
        int error;
        try
        {
            fixed (byte* bytes = buffer)
            {
                result = s_receive(fd, bytes, (nuint)buffer.Length, DontWait);
                error = ErrorOf(result);
            }
        }
        finally
        {
            socket.DangerousRelease();
        }

        return OutcomeOf(result, error, out length);
    }

    /// <summary>
    /// Takes a reference on the socket for one call: the descriptor is then not closed, and its number not given to
    /// another file, until it is released. Taken per call rather than for a receive loop's life, because a handler on
    /// that thread may dispose the socket, and disposing waits for every reference to go.
    /// </summary>
    private static bool TryHold(SafeHandle socket, out int fd)
    {
        fd = -1;
        var added = false;
        try
        {
            socket.DangerousAddRef(ref added);
        }
        catch (ObjectDisposedException)
        {
            return false;
        }

        fd = (int)socket.DangerousGetHandle();
        return true;
    }

    // Read at once: releasing the socket could close it, and close sets errno.
    private static int ErrorOf(nint result) => result < 0 ? Marshal.GetLastSystemError() : 0;

    private static Outcome OutcomeOf(nint result, int error, out int count)
    {
        count = result >= 0 ? (int)result : 0;
        return result >= 0 ? Outcome.Done : error == Again ? Outcome.WouldBlock : Outcome.Failed;
    }
}
