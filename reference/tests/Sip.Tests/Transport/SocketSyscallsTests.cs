using System.Net;
using System.Net.Sockets;
using Sip.Transport;

namespace Sip.Tests.Transport;

/// <summary>
/// The UDP transport's own <c>sendto</c> and <c>recvfrom</c>: what they send and take must be exactly what the socket's
/// calls would, they must never wait (they run without the runtime's switch to native mode), and whatever they cannot
/// do must be left to the socket's calls rather than lost.
/// </summary>
public sealed class SocketSyscallsTests
{
    private Socket _receiver = null!;
    private Socket _sender = null!;

    [SetUp]
    public void OpenSockets()
    {
        _receiver = Bound(IPAddress.Loopback);
        _sender = Bound(IPAddress.Loopback);
    }

    [TearDown]
    public void CloseSockets()
    {
        _receiver.Dispose();
        _sender.Dispose();
    }

    private static Socket Bound(IPAddress address)
    {
        var socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(address, 0));
        return socket;
    }

    private static byte[] NativeAddress(EndPoint endPoint)
    {
        var serialized = endPoint.Serialize();
        return serialized.Buffer.Span[..serialized.Size].ToArray();
    }

    [Test]
    public void TheyAreFoundOnLinux()
    {
        Assert.That(SocketSyscalls.Available, Is.EqualTo(OperatingSystem.IsLinux()));
    }

    [Test]
    public void ADatagramSentWithoutWaitingArrivesWhole()
    {
        Assume.That(SocketSyscalls.Available, "the calls are only made on Linux");
        var datagram = "OPTIONS sip:127.0.0.1 SIP/2.0\r\n\r\n"u8.ToArray();

        var outcome = SocketSyscalls.TrySend(_sender.SafeHandle, datagram, NativeAddress(_receiver.LocalEndPoint!));

        var received = new byte[100];
        _receiver.ReceiveTimeout = 5000;
        var length = _receiver.Receive(received);
        Assert.Multiple(() =>
        {
            Assert.That(outcome, Is.EqualTo(SocketSyscalls.Outcome.Done));
            Assert.That(received[..length], Is.EqualTo(datagram));
        });
    }

    [Test]
    public void ADatagramTakenWithoutWaitingCarriesItsSource()
    {
        Assume.That(SocketSyscalls.Available, "the calls are only made on Linux");
        var datagram = "SIP/2.0 200 OK\r\n\r\n"u8.ToArray();
        _sender.SendTo(datagram, _receiver.LocalEndPoint!);
        var from = new SocketAddress(AddressFamily.InterNetwork);
        var buffer = new byte[100];

        // The datagram is queued on loopback once sendto returns, but give a slow machine a moment.
        var outcome = SocketSyscalls.Outcome.WouldBlock;
        var length = 0;
        for (var attempt = 0; attempt < 100 && outcome == SocketSyscalls.Outcome.WouldBlock; attempt++)
        {
            outcome = SocketSyscalls.TryReceive(_receiver.SafeHandle, buffer, from, out length);
            if (outcome == SocketSyscalls.Outcome.WouldBlock)
            {
                Thread.Sleep(10);
            }
        }

        Assert.Multiple(() =>
        {
            Assert.That(outcome, Is.EqualTo(SocketSyscalls.Outcome.Done));
            Assert.That(buffer[..length], Is.EqualTo(datagram));
            Assert.That(new IPEndPoint(IPAddress.Any, 0).Create(from), Is.EqualTo(_sender.LocalEndPoint));
        });
    }

    [Test]
    public void AnEmptyQueueAnswersAtOnceThatTheSocketsCallMustWait()
    {
        Assume.That(SocketSyscalls.Available, "the calls are only made on Linux");

        // The socket is blocking: a call made without MSG_DONTWAIT would wait here for its receive timeout.
        _receiver.ReceiveTimeout = 3000;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var outcome = SocketSyscalls.TryReceive(_receiver.SafeHandle, new byte[100], new SocketAddress(AddressFamily.InterNetwork), out var length);
        clock.Stop();

        Assert.Multiple(() =>
        {
            Assert.That(outcome, Is.EqualTo(SocketSyscalls.Outcome.WouldBlock));
            Assert.That(length, Is.Zero);
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromMilliseconds(1500)), "it waited for the socket's timeout");
        });
    }

    [Test]
    public void AnAddressTheKernelRefusesIsLeftToTheSocketsCall()
    {
        Assume.That(SocketSyscalls.Available, "the calls are only made on Linux");
        var truncated = NativeAddress(_receiver.LocalEndPoint!)[..4];

        var outcome = SocketSyscalls.TrySend(_sender.SafeHandle, "x"u8, truncated);

        Assert.That(outcome, Is.EqualTo(SocketSyscalls.Outcome.Failed));
    }

    [Test]
    public void AClosedSocketIsNotWrittenTo()
    {
        Assume.That(SocketSyscalls.Available, "the calls are only made on Linux");
        var address = NativeAddress(_receiver.LocalEndPoint!);
        _sender.Dispose();

        var outcome = SocketSyscalls.TrySend(_sender.SafeHandle, "x"u8, address);

        _receiver.ReceiveTimeout = 200;
        Assert.Multiple(() =>
        {
            Assert.That(outcome, Is.EqualTo(SocketSyscalls.Outcome.Failed));
            Assert.That(() => _receiver.Receive(new byte[10]), Throws.InstanceOf<SocketException>(), "nothing arrived");
        });
    }

    [Test]
    public void IPv6DatagramsGoBothWays()
    {
        Assume.That(SocketSyscalls.Available, "the calls are only made on Linux");
        Assume.That(Socket.OSSupportsIPv6, "IPv6 loopback");
        using var receiver = Bound(IPAddress.IPv6Loopback);
        using var sender = Bound(IPAddress.IPv6Loopback);

        var sent = SocketSyscalls.TrySend(sender.SafeHandle, "v6"u8, NativeAddress(receiver.LocalEndPoint!));
        receiver.Poll(5_000_000, SelectMode.SelectRead);
        var from = new SocketAddress(AddressFamily.InterNetworkV6);
        var buffer = new byte[10];
        var received = SocketSyscalls.TryReceive(receiver.SafeHandle, buffer, from, out var length);

        Assert.Multiple(() =>
        {
            Assert.That(sent, Is.EqualTo(SocketSyscalls.Outcome.Done));
            Assert.That(received, Is.EqualTo(SocketSyscalls.Outcome.Done));
            Assert.That(buffer[..length], Is.EqualTo("v6"u8.ToArray()));
            Assert.That(new IPEndPoint(IPAddress.IPv6Any, 0).Create(from), Is.EqualTo(sender.LocalEndPoint));
        });
    }

    [Test]
    public async Task AStreamIsWrittenAndReadWithoutWaitingAndItsCloseIsSeen()
    {
        Assume.That(SocketSyscalls.Available, "the calls are only made on Linux");
        var (client, server) = await ConnectedAsync(sendBufferBytes: null);
        using var clientSide = client;
        using var serverSide = server;
        var buffer = new byte[100];

        var empty = SocketSyscalls.TryReceive(server.SafeHandle, buffer, out _);
        var written = SocketSyscalls.TrySend(client.SafeHandle, "OPTIONS"u8, out var sent);
        server.Poll(5_000_000, SelectMode.SelectRead);
        var read = SocketSyscalls.TryReceive(server.SafeHandle, buffer, out var length);
        var text = buffer[..length];
        client.Shutdown(SocketShutdown.Send);
        server.Poll(5_000_000, SelectMode.SelectRead);
        var closed = SocketSyscalls.TryReceive(server.SafeHandle, buffer, out var atClose);

        Assert.Multiple(() =>
        {
            Assert.That(empty, Is.EqualTo(SocketSyscalls.Outcome.WouldBlock), "nothing sent yet");
            Assert.That((written, sent), Is.EqualTo((SocketSyscalls.Outcome.Done, 7)));
            Assert.That((read, text), Is.EqualTo((SocketSyscalls.Outcome.Done, "OPTIONS"u8.ToArray())));
            Assert.That((closed, atClose), Is.EqualTo((SocketSyscalls.Outcome.Done, 0)), "the peer's close reads as 0 bytes");
        });
    }

    [Test]
    public async Task AStreamWhoseBufferIsFullTakesPartOrNothingAndLeavesTheRest()
    {
        Assume.That(SocketSyscalls.Available, "the calls are only made on Linux");
        var (client, server) = await ConnectedAsync(sendBufferBytes: 4096);
        using var clientSide = client;
        using var serverSide = server;
        var chunk = new byte[64 * 1024];

        // The server never reads: the client's buffer and the server's fill, and then a send must not wait. A send
        // made without MSG_DONTWAIT would wait here for the socket's send timeout instead.
        client.SendTimeout = 3000;
        long total = 0;
        var outcome = SocketSyscalls.Outcome.Done;
        var last = TimeSpan.Zero;
        for (var attempt = 0; attempt < 10_000 && outcome == SocketSyscalls.Outcome.Done; attempt++)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            outcome = SocketSyscalls.TrySend(client.SafeHandle, chunk, out var sent);
            last = clock.Elapsed;
            total += sent;
        }

        Assert.Multiple(() =>
        {
            Assert.That(outcome, Is.EqualTo(SocketSyscalls.Outcome.WouldBlock));
            Assert.That(total, Is.GreaterThan(0).And.LessThan(10_000L * chunk.Length));
            Assert.That(last, Is.LessThan(TimeSpan.FromMilliseconds(1500)), "the full buffer made the send wait");
        });
    }

    private static Task<(Socket Client, Socket Server)> ConnectedAsync(int? sendBufferBytes)
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        if (sendBufferBytes is { } bytes)
        {
            client.SendBufferSize = bytes;
        }

        // Connected and accepted synchronously: a socket used asynchronously is made non-blocking, and these must stay
        // blocking, as the transport's are, for the tests to see that the calls do not wait.
        client.Connect(listener.LocalEndPoint!);
        return Task.FromResult((client, listener.Accept()));
    }
}
