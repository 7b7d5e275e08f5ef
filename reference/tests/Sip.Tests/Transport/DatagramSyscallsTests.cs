using System.Net;
using System.Net.Sockets;
using Sip.Transport;

namespace Sip.Tests.Transport;

/// <summary>
/// The UDP transport's own <c>sendto</c> and <c>recvfrom</c>: what they send and take must be exactly what the socket's
/// calls would, they must never wait (they run without the runtime's switch to native mode), and whatever they cannot
/// do must be left to the socket's calls rather than lost.
/// </summary>
public sealed class DatagramSyscallsTests
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
        Assert.That(DatagramSyscalls.Available, Is.EqualTo(OperatingSystem.IsLinux()));
    }

    [Test]
    public void ADatagramSentWithoutWaitingArrivesWhole()
    {
        Assume.That(DatagramSyscalls.Available, "the calls are only made on Linux");
        var datagram = "OPTIONS sip:127.0.0.1 SIP/2.0\r\n\r\n"u8.ToArray();

        var outcome = DatagramSyscalls.TrySend(_sender.SafeHandle, datagram, NativeAddress(_receiver.LocalEndPoint!));

        var received = new byte[100];
        _receiver.ReceiveTimeout = 5000;
        var length = _receiver.Receive(received);
        Assert.Multiple(() =>
        {
            Assert.That(outcome, Is.EqualTo(DatagramSyscalls.Outcome.Done));
            Assert.That(received[..length], Is.EqualTo(datagram));
        });
    }

    [Test]
    public void ADatagramTakenWithoutWaitingCarriesItsSource()
    {
        Assume.That(DatagramSyscalls.Available, "the calls are only made on Linux");
        var datagram = "SIP/2.0 200 OK\r\n\r\n"u8.ToArray();
        _sender.SendTo(datagram, _receiver.LocalEndPoint!);
        var from = new SocketAddress(AddressFamily.InterNetwork);
        var buffer = new byte[100];

        // The datagram is queued on loopback once sendto returns, but give a slow machine a moment.
        var outcome = DatagramSyscalls.Outcome.WouldBlock;
        var length = 0;
        for (var attempt = 0; attempt < 100 && outcome == DatagramSyscalls.Outcome.WouldBlock; attempt++)
        {
            outcome = DatagramSyscalls.TryReceive(_receiver.SafeHandle, buffer, from, out length);
            if (outcome == DatagramSyscalls.Outcome.WouldBlock)
            {
                Thread.Sleep(10);
            }
        }

        Assert.Multiple(() =>
        {
            Assert.That(outcome, Is.EqualTo(DatagramSyscalls.Outcome.Done));
            Assert.That(buffer[..length], Is.EqualTo(datagram));
            Assert.That(new IPEndPoint(IPAddress.Any, 0).Create(from), Is.EqualTo(_sender.LocalEndPoint));
        });
    }

    [Test]
    public void AnEmptyQueueAnswersAtOnceThatTheSocketsCallMustWait()
    {
        Assume.That(DatagramSyscalls.Available, "the calls are only made on Linux");

        // The socket is blocking: a call made without MSG_DONTWAIT would wait here for its receive timeout.
        _receiver.ReceiveTimeout = 3000;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var outcome = DatagramSyscalls.TryReceive(_receiver.SafeHandle, new byte[100], new SocketAddress(AddressFamily.InterNetwork), out var length);
        clock.Stop();

        Assert.Multiple(() =>
        {
            Assert.That(outcome, Is.EqualTo(DatagramSyscalls.Outcome.WouldBlock));
            Assert.That(length, Is.Zero);
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromMilliseconds(1500)), "it waited for the socket's timeout");
        });
    }

    [Test]
    public void AnAddressTheKernelRefusesIsLeftToTheSocketsCall()
    {
        Assume.That(DatagramSyscalls.Available, "the calls are only made on Linux");
        var truncated = NativeAddress(_receiver.LocalEndPoint!)[..4];

        var outcome = DatagramSyscalls.TrySend(_sender.SafeHandle, "x"u8, truncated);

        Assert.That(outcome, Is.EqualTo(DatagramSyscalls.Outcome.Failed));
    }

    [Test]
    public void AClosedSocketIsNotWrittenTo()
    {
        Assume.That(DatagramSyscalls.Available, "the calls are only made on Linux");
        var address = NativeAddress(_receiver.LocalEndPoint!);
        _sender.Dispose();

        var outcome = DatagramSyscalls.TrySend(_sender.SafeHandle, "x"u8, address);

        _receiver.ReceiveTimeout = 200;
        Assert.Multiple(() =>
        {
            Assert.That(outcome, Is.EqualTo(DatagramSyscalls.Outcome.Failed));
            Assert.That(() => _receiver.Receive(new byte[10]), Throws.InstanceOf<SocketException>(), "nothing arrived");
        });
    }

    [Test]
    public void IPv6DatagramsGoBothWays()
    {
        Assume.That(DatagramSyscalls.Available, "the calls are only made on Linux");
        Assume.That(Socket.OSSupportsIPv6, "IPv6 loopback");
        using var receiver = Bound(IPAddress.IPv6Loopback);
        using var sender = Bound(IPAddress.IPv6Loopback);

        var sent = DatagramSyscalls.TrySend(sender.SafeHandle, "v6"u8, NativeAddress(receiver.LocalEndPoint!));
        receiver.Poll(5_000_000, SelectMode.SelectRead);
        var from = new SocketAddress(AddressFamily.InterNetworkV6);
        var buffer = new byte[10];
        var received = DatagramSyscalls.TryReceive(receiver.SafeHandle, buffer, from, out var length);

        Assert.Multiple(() =>
        {
            Assert.That(sent, Is.EqualTo(DatagramSyscalls.Outcome.Done));
            Assert.That(received, Is.EqualTo(DatagramSyscalls.Outcome.Done));
            Assert.That(buffer[..length], Is.EqualTo("v6"u8.ToArray()));
            Assert.That(new IPEndPoint(IPAddress.IPv6Any, 0).Create(from), Is.EqualTo(sender.LocalEndPoint));
        });
    }
}
