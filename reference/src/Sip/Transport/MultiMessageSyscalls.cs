using System.Runtime.InteropServices;

namespace Sip.Transport;

/// <summary>
/// <c>recvmmsg</c> and <c>sendmmsg</c> from the C library (Linux): several datagrams in one crossing into the kernel,
/// called with <c>MSG_DONTWAIT</c> and without the runtime's transition into native code, as <see cref="SocketSyscalls"/>
/// makes its single calls. Used by <see cref="ReceiveBatch"/> and <see cref="SendBatch"/>; elsewhere, or when the
/// C library lacks them, <see cref="Available"/> is false and the transport makes one call a datagram.
/// </summary>
internal static unsafe class MultiMessageSyscalls
{
    public const int DontWait = 0x40; // MSG_DONTWAIT on Linux
    public const int WaitForOne = 0x10000; // MSG_WAITFORONE: wait for the first datagram only, then take what is queued
    public const int Truncated = 0x20; // MSG_TRUNC in msg_flags: the datagram was longer than its buffer
    private const int Again = 11; // EAGAIN (= EWOULDBLOCK) on Linux

    private static readonly delegate* unmanaged[SuppressGCTransition]<int, MessageHeader*, uint, int, void*, int> s_receive;
    private static readonly delegate* unmanaged[SuppressGCTransition]<int, MessageHeader*, uint, int, int> s_send;

    // The same call for a receive that waits: a thread blocked in native code must let the runtime collect meanwhile,
    // so this one makes the transition the others skip.
    private static readonly delegate* unmanaged<int, MessageHeader*, uint, int, void*, int> s_receiveWaiting;

    static MultiMessageSyscalls()
    {
        // The structures below follow the LP64 layout of struct mmsghdr (64 bytes); other layouts keep the single calls.
        if (!OperatingSystem.IsLinux() || sizeof(MessageHeader) != 64 || !NativeLibrary.TryLoad("libc.so.6", out var libc))
        {
            return;
        }

        if (NativeLibrary.TryGetExport(libc, "recvmmsg", out var receive) && NativeLibrary.TryGetExport(libc, "sendmmsg", out var send))
        {
            s_receive = (delegate* unmanaged[SuppressGCTransition]<int, MessageHeader*, uint, int, void*, int>)receive;
            s_receiveWaiting = (delegate* unmanaged<int, MessageHeader*, uint, int, void*, int>)receive;
            s_send = (delegate* unmanaged[SuppressGCTransition]<int, MessageHeader*, uint, int, int>)send;
        }
    }

    public static bool Available => s_receive is not null;

    /// <summary>Receives up to <paramref name="count"/> queued datagrams without waiting: how many, 0 when none is queued, -1 on another error.</summary>
    public static int Receive(SafeHandle socket, MessageHeader* headers, int count) => Call(socket, headers, count, receive: true);

    /// <summary>
    /// Waits for a datagram and takes it with those queued behind it, up to <paramref name="count"/>: one call where a
    /// receive without waiting that finds nothing and a waiting receive of one would be two. How many; 0 when woken with
    /// none (the socket shut down for receiving, a signal); -1 on an error, its number in <paramref name="error"/>.
    /// </summary>
    public static int ReceiveWaiting(SafeHandle socket, MessageHeader* headers, int count, out int error)
    {
        var added = false;
        error = 0;
        try
        {
            socket.DangerousAddRef(ref added);
        }
        catch (ObjectDisposedException)
        {
            error = BadDescriptor;
            return -1;
        }

        try
        {
            var result = s_receiveWaiting((int)socket.DangerousGetHandle(), headers, (uint)count, WaitForOne, null);
            if (result < 0)
            {
                error = Marshal.GetLastSystemError();
                return error is Again or Interrupted ? 0 : -1;
            }

            return result;
        }
        finally
        {
            socket.DangerousRelease();
        }
    }

    private const int Interrupted = 4; // EINTR
    private const int BadDescriptor = 9; // EBADF

    /// <summary>Sends up to <paramref name="count"/> datagrams without waiting: how many went, 0 when the first would wait or failed.</summary>
    public static int Send(SafeHandle socket, MessageHeader* headers, int count) => Call(socket, headers, count, receive: false);

    private static int Call(SafeHandle socket, MessageHeader* headers, int count, bool receive)
    {
        var added = false;
        try
        {
            socket.DangerousAddRef(ref added);
        }
        catch (ObjectDisposedException)
        {
            // Closed (a handler may close its own transport): nothing taken, nothing sent.
            return receive ? -1 : 0;
        }

        int result;
        int error;
        try
        {
            var fd = (int)socket.DangerousGetHandle();
            result = receive ? s_receive(fd, headers, (uint)count, DontWait, null) : s_send(fd, headers, (uint)count, DontWait);
            error = result < 0 ? Marshal.GetLastSystemError() : 0;
        }
        finally
        {
            socket.DangerousRelease();
        }

        return result >= 0 ? result : error == Again ? 0 : receive ? -1 : 0;
    }

    /// <summary>struct iovec.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct IoVector
    {
        public byte* Base;
        public nuint Length;
    }

    /// <summary>struct msghdr.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct SocketMessage
    {
        public byte* Name;
        public uint NameLength;
        public IoVector* Vectors;
        public nuint VectorCount;
        public byte* Control;
        public nuint ControlLength;
        public int Flags;
    }

    /// <summary>struct mmsghdr: a struct msghdr and the byte count the call sets.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct MessageHeader
    {
        public SocketMessage Message;
        public uint Length;
    }
}
