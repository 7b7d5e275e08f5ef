using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;
using Sip.Transport;

namespace Sip.Tests.Transport;

/// <summary>Real sockets on loopback: framing, keep-alives, answers on the same connection, limits and clean-up.</summary>
public sealed class TcpSipTransportTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    private readonly Channel<InboundMessage> _received = Channel.CreateUnbounded<InboundMessage>();
    private readonly FakeTimeProvider _time = new();
    private TcpSipTransport _transport = null!;

    [SetUp]
    public void StartTransport()
    {
        _transport = new TcpSipTransport(new IPEndPoint(IPAddress.Loopback, 0), new TcpTransportOptions { IdleTimeout = TimeSpan.FromSeconds(30) }, time: _time);
        _transport.Start(message =>
        {
            _received.Writer.TryWrite(message);
            return ValueTask.CompletedTask;
        });
    }

    [TearDown]
    public async Task StopTransport() => await _transport.DisposeAsync();

    [Test]
    public async Task AMessageArrivingByteByByteIsDeliveredOnceAndWhole()
    {
        using var client = await ConnectAsync();
        foreach (var b in Encoding.UTF8.GetBytes(SipMessages.Invite))
        {
            await client.SendAsync(new[] { b });
        }

        var message = await NextAsync();
        Assert.That(message.Message.CallId, Is.EqualTo("a84b4c76e66710@pc33.example.com"));
        Assert.That(Encoding.ASCII.GetString(message.Message.Body.Span), Is.EqualTo("v=0\n"));
        Assert.That(_received.Reader.TryRead(out _), Is.False, "one message must be delivered once");
    }

    [Test]
    public async Task PipelinedMessagesAreDeliveredInOrder()
    {
        using var client = await ConnectAsync();
        var second = SipMessages.Invite.Replace("CSeq: 314159 INVITE", "CSeq: 314160 INVITE", StringComparison.Ordinal);
        await client.SendAsync(Encoding.UTF8.GetBytes("\r\n" + SipMessages.Invite + second));

        Assert.That((await NextAsync()).Message.CSeq!.Value.Sequence, Is.EqualTo(314159));
        Assert.That((await NextAsync()).Message.CSeq!.Value.Sequence, Is.EqualTo(314160));
    }

    [Test]
    public async Task ADoubleCrlfPingIsAnsweredWithACrlfPong()
    {
        using var client = await ConnectAsync();
        await client.SendAsync("\r\n\r\n"u8.ToArray());

        var pong = await ReadAsync(client, 2);

        Assert.That(pong, Is.EqualTo("\r\n"));
    }

    [Test]
    public async Task AResponseGoesBackOnTheConnectionTheRequestCameOn()
    {
        using var client = await ConnectAsync();
        await client.SendAsync(Encoding.UTF8.GetBytes(SipMessages.Invite));
        var inbound = await NextAsync();

        await inbound.Transport.SendAsync(SipResponse.For((SipRequest)inbound.Message, 486), inbound.Remote);

        var text = await ReadAsync(client, "SIP/2.0 486".Length);
        Assert.That(text, Is.EqualTo("SIP/2.0 486"));
        Assert.That(_transport.ConnectionCount, Is.EqualTo(1), "no second connection is opened for the answer");
    }

    [Test]
    public async Task AMalformedRequestIsAnsweredWith400AndTheConnectionClosed()
    {
        using var client = await ConnectAsync();
        await client.SendAsync(Encoding.UTF8.GetBytes(SipMessages.Invite.Replace("Max-Forwards: 70", "Max-Forwards: 700", StringComparison.Ordinal)));

        var all = await ReadToEndAsync(client);

        Assert.That(all, Does.StartWith("SIP/2.0 400 "));
        await WaitForConnectionsAsync(0);
    }

    [Test]
    public async Task AHeaderBlockBeyondTheSizeLimitClosesTheConnection()
    {
        using var client = await ConnectAsync();
        var endless = Encoding.ASCII.GetBytes("OPTIONS sip:a@b SIP/2.0\r\nX-Pad: " + new string('p', 70_000));
        await client.SendAsync(endless);

        Assert.That(await ReadToEndAsync(client), Is.Empty);
        await WaitForConnectionsAsync(0);
        Assert.That(_received.Reader.TryRead(out _), Is.False);
    }

    [Test]
    public async Task AnIdleConnectionIsClosedAfterTheIdleTimeout()
    {
        using var client = await ConnectAsync();
        await WaitForConnectionsAsync(1);

        _time.Advance(TimeSpan.FromSeconds(40));

        Assert.That(await ReadToEndAsync(client), Is.Empty);
        await WaitForConnectionsAsync(0);
    }

    [Test]
    public async Task SendingToAPeerWithoutAConnectionOpensOneAndItsAnswerComesBackOnIt()
    {
        var answers = Channel.CreateUnbounded<InboundMessage>();
        await using var peer = new TcpSipTransport(new IPEndPoint(IPAddress.Loopback, 0));
        peer.Start(async inbound =>
        {
            if (inbound.Message is SipRequest request)
            {
                await inbound.Transport.SendAsync(SipResponse.For(request, 200), inbound.Remote);
            }
        });
        var request = (SipRequest)new SipParser().Parse(Encoding.UTF8.GetBytes(SipMessages.Invite), datagram: true).Message!;

        await _transport.SendAsync(request, peer.LocalEndPoint);

        var answer = await NextAsync();
        Assert.That(answer.Message, Is.InstanceOf<SipResponse>());
        Assert.That(((SipResponse)answer.Message).StatusCode, Is.EqualTo(200));
        Assert.That(_transport.ConnectionCount, Is.EqualTo(1));
        Assert.That(peer.ConnectionCount, Is.EqualTo(1));
    }

    [Test]
    public void SendingToAClosedPortFailsWithATransportError()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var closed = (IPEndPoint)probe.LocalEndpoint;
        probe.Stop();

        Assert.ThrowsAsync<SipTransportException>(async () => await _transport.SendBytesAsync("x"u8.ToArray(), closed));
    }

    [Test]
    public async Task ABurstOfSendsToAPeerNotYetConnectedSharesOneConnectionAndLosesNothing()
    {
        var delivered = 0;
        await using var peer = new TcpSipTransport(new IPEndPoint(IPAddress.Loopback, 0));
        peer.Start(_ =>
        {
            Interlocked.Increment(ref delivered);
            return ValueTask.CompletedTask;
        });
        var bytes = Encoding.UTF8.GetBytes(SipMessages.Invite);

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(async () => await _transport.SendBytesAsync(bytes, peer.LocalEndPoint))));
        var deadline = DateTime.UtcNow + Wait;
        while (Volatile.Read(ref delivered) < 20 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        Assert.That(delivered, Is.EqualTo(20), "a connection replaced by another would lose what was sent on it");
        Assert.That(peer.ConnectionCount, Is.EqualTo(1));
    }

    [Test]
    public async Task AMessageIsHandledOnItsConnectionsOwnThread()
    {
        string? thread = null;
        await using var transport = new TcpSipTransport(new IPEndPoint(IPAddress.Loopback, 0));
        var handled = new TaskCompletionSource();
        transport.Start(_ =>
        {
            thread = Thread.CurrentThread.Name;
            handled.TrySetResult();
            return ValueTask.CompletedTask;
        });
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(transport.LocalEndPoint);

        await client.SendAsync(Encoding.UTF8.GetBytes(SipMessages.Invite));
        await handled.Task.WaitAsync(Wait);

        Assert.That(thread, Is.EqualTo($"sip-tcp-{((IPEndPoint)client.LocalEndPoint!).Port}"), "the handler runs inline on the connection's read thread, not on the pool");
    }

    [Test]
    public async Task APeerThatStopsReadingIsCutOffAfterTheSendTimeout()
    {
        await using var transport = new TcpSipTransport(new IPEndPoint(IPAddress.Loopback, 0), new TcpTransportOptions { SendTimeout = TimeSpan.FromMilliseconds(200) });
        transport.Start(_ => ValueTask.CompletedTask);
        using var silent = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096 };
        silent.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        silent.Listen(1);
        var peer = (IPEndPoint)silent.LocalEndPoint!;
        var chunk = new byte[256 * 1024];
        await transport.SendBytesAsync(chunk, peer);

        var sending = Task.Run(async () =>
        {
            for (var i = 0; i < 1_000; i++)
            {
                await transport.SendBytesAsync(chunk, peer);
            }
        });

        Assert.That(await Task.WhenAny(sending, Task.Delay(Wait)), Is.SameAs(sending), "a blocked write must give up after the send timeout");
        Assert.ThrowsAsync<SipTransportException>(async () => await sending);
    }

    [Test]
    public async Task StoppingTheTransportClosesEveryConnection()
    {
        using var first = await ConnectAsync();
        using var second = await ConnectAsync();
        await WaitForConnectionsAsync(2);

        await _transport.DisposeAsync();

        Assert.That(await ReadToEndAsync(first), Is.Empty);
        Assert.That(await ReadToEndAsync(second), Is.Empty);
        Assert.That(_transport.ConnectionCount, Is.Zero);
    }

    [TestCase(typeof(InvalidOperationException))]
    [TestCase(typeof(OperationCanceledException))]
    public async Task AHandlerThatThrowsDoesNotStopTheConnectionsReadThread(Type thrown)
    {
        await using var transport = new TcpSipTransport(new IPEndPoint(IPAddress.Loopback, 0), time: _time);
        var handler = new HandlerFailingOnce(thrown);
        transport.Start(handler.Handle);
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(transport.LocalEndPoint);

        await client.SendAsync(Encoding.UTF8.GetBytes(SipMessages.Invite));
        await client.SendAsync(Encoding.UTF8.GetBytes(SipMessages.Invite));

        await handler.Second.Task.WaitAsync(Wait);
        Assert.That(handler.Calls, Is.EqualTo(2));
    }

    private async Task<Socket> ConnectAsync()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(_transport.LocalEndPoint);
        return socket;
    }

    private async Task<InboundMessage> NextAsync()
    {
        using var timeout = new CancellationTokenSource(Wait);
        return await _received.Reader.ReadAsync(timeout.Token);
    }

    private static async Task<string> ReadAsync(Socket socket, int count)
    {
        using var timeout = new CancellationTokenSource(Wait);
        var buffer = new byte[count];
        var filled = 0;
        while (filled < count)
        {
            var read = await socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, timeout.Token);
            if (read == 0)
            {
                break;
            }

            filled += read;
        }

        return Encoding.UTF8.GetString(buffer, 0, filled);
    }

    /// <summary>Everything until the transport closes the connection (an empty string when it closes at once).</summary>
    private static async Task<string> ReadToEndAsync(Socket socket)
    {
        using var timeout = new CancellationTokenSource(Wait);
        var text = new StringBuilder();
        var buffer = new byte[4096];
        try
        {
            int read;
            while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token)) > 0)
            {
                text.Append(Encoding.UTF8.GetString(buffer, 0, read));
            }
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionReset)
        {
            // A close with unread data arrives as a reset: still a close.
        }

        return text.ToString();
    }

    private async Task WaitForConnectionsAsync(int expected)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (_transport.ConnectionCount != expected && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        Assert.That(_transport.ConnectionCount, Is.EqualTo(expected), "open connections");
    }
}
