using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;
using Sip.Transport;

namespace Sip.Tests.Transport;

/// <summary>Real sockets on loopback: the receive thread delivers, answers go back, garbage is answered, stopping is prompt.</summary>
public sealed class UdpSipTransportTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    private readonly Channel<(InboundMessage Message, string Thread)> _received = Channel.CreateUnbounded<(InboundMessage, string)>();
    private UdpSipTransport _transport = null!;

    [SetUp]
    public void StartTransport()
    {
        _transport = new UdpSipTransport(new IPEndPoint(IPAddress.Loopback, 0));
        _transport.Start(message =>
        {
            _received.Writer.TryWrite((message, Thread.CurrentThread.Name ?? string.Empty));
            return ValueTask.CompletedTask;
        });
    }

    [TearDown]
    public async Task StopTransport() => await _transport.DisposeAsync();

    [Test]
    public async Task ADatagramIsParsedStampedAndHandledOnTheSocketsOwnThread()
    {
        using var client = Client();
        await client.SendToAsync(Encoding.UTF8.GetBytes(SipMessages.Invite), _transport.LocalEndPoint);

        var (inbound, thread) = await NextAsync();

        Assert.That(inbound.Message.CallId, Is.EqualTo("a84b4c76e66710@pc33.example.com"));
        Assert.That(inbound.Remote, Is.EqualTo(client.LocalEndPoint));
        Assert.That(inbound.Message.TopVia!.Received, Is.EqualTo("127.0.0.1"), "§18.2.1: the sender's address is stamped on the top Via");
        Assert.That(thread, Is.EqualTo($"sip-udp-{_transport.LocalEndPoint.Port}"), "the handler runs inline on the receive thread, not on the pool");
    }

    [Test]
    public async Task AnAnswerSentFromTheHandlerReachesTheSender()
    {
        using var client = Client();
        await client.SendToAsync(Encoding.UTF8.GetBytes(SipMessages.Invite), _transport.LocalEndPoint);
        var (inbound, _) = await NextAsync();

        await inbound.Transport.SendAsync(SipResponse.For((SipRequest)inbound.Message, 486), inbound.Remote);

        var answer = await ReceiveAsync(client);
        Assert.That(answer, Does.StartWith("SIP/2.0 486"));
    }

    [Test]
    public async Task DatagramsFromTwoSendersEachCarryTheirOwnSource()
    {
        using var first = Client();
        using var second = Client();
        await first.SendToAsync(Encoding.UTF8.GetBytes(SipMessages.Invite), _transport.LocalEndPoint);
        var (fromFirst, _) = await NextAsync();
        await second.SendToAsync(Encoding.UTF8.GetBytes(SipMessages.Invite), _transport.LocalEndPoint);
        var (fromSecond, _) = await NextAsync();
        await first.SendToAsync(Encoding.UTF8.GetBytes(SipMessages.Invite), _transport.LocalEndPoint);
        var (fromFirstAgain, _) = await NextAsync();

        Assert.That(fromFirst.Remote, Is.EqualTo(first.LocalEndPoint));
        Assert.That(fromSecond.Remote, Is.EqualTo(second.LocalEndPoint));
        Assert.That(fromFirstAgain.Remote, Is.EqualTo(first.LocalEndPoint));
    }

    [Test]
    public async Task ARequestThatCannotBeParsedIsAnsweredAndTheLoopGoesOn()
    {
        using var client = Client();
        var bad = SipMessages.Invite.Replace("SIP/2.0\r\n", "SIP/7.0\r\n", StringComparison.Ordinal);
        await client.SendToAsync(Encoding.UTF8.GetBytes(bad), _transport.LocalEndPoint);

        var answer = await ReceiveAsync(client);
        await client.SendToAsync(Encoding.UTF8.GetBytes(SipMessages.Invite), _transport.LocalEndPoint);
        var (next, _) = await NextAsync();

        Assert.That(answer, Does.StartWith("SIP/2.0 505"));
        Assert.That(next.Message.CallId, Is.EqualTo("a84b4c76e66710@pc33.example.com"));
    }

    [TestCase(typeof(InvalidOperationException))]
    [TestCase(typeof(OperationCanceledException))]
    public async Task AHandlerThatThrowsDoesNotStopTheLoop(Type thrown)
    {
        await using var transport = new UdpSipTransport(new IPEndPoint(IPAddress.Loopback, 0));
        var handler = new HandlerFailingOnce(thrown);
        transport.Start(handler.Handle);
        using var client = Client();

        await client.SendToAsync(Encoding.UTF8.GetBytes(SipMessages.Invite), transport.LocalEndPoint);
        await client.SendToAsync(Encoding.UTF8.GetBytes(SipMessages.Invite), transport.LocalEndPoint);

        await handler.Second.Task.WaitAsync(Wait);
        Assert.That(handler.Calls, Is.EqualTo(2));
    }

    [Test]
    public async Task DisposingWakesTheBlockedReceiveThreadAndReturns()
    {
        var transport = new UdpSipTransport(new IPEndPoint(IPAddress.Loopback, 0));
        transport.Start(_ => ValueTask.CompletedTask);

        var stopping = transport.DisposeAsync().AsTask();

        Assert.That(await Task.WhenAny(stopping, Task.Delay(Wait)), Is.SameAs(stopping), "the receive thread must end when the socket closes");
    }

    [Test]
    public async Task AHandlerMayCloseItsOwnTransport()
    {
        // The receive thread holds the socket only for the length of each call: closing waits for every holder to let go.
        var transport = new UdpSipTransport(new IPEndPoint(IPAddress.Loopback, 0));
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        transport.Start(_ =>
        {
            transport.DisposeAsync().AsTask().ContinueWith(_ => closed.TrySetResult(), TaskScheduler.Default);
            return ValueTask.CompletedTask;
        });
        using var client = Client();

        await client.SendToAsync(Encoding.UTF8.GetBytes(SipMessages.Invite), transport.LocalEndPoint);

        Assert.That(await Task.WhenAny(closed.Task, Task.Delay(Wait)), Is.SameAs(closed.Task), "closing from the receive thread must not wait on itself");
    }

    private static Socket Client()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return socket;
    }

    private async Task<(InboundMessage Message, string Thread)> NextAsync()
    {
        using var timeout = new CancellationTokenSource(Wait);
        return await _received.Reader.ReadAsync(timeout.Token);
    }

    private static async Task<string> ReceiveAsync(Socket client)
    {
        var buffer = new byte[65_536];
        using var timeout = new CancellationTokenSource(Wait);
        var read = await client.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
        return Encoding.UTF8.GetString(buffer, 0, read);
    }
}
