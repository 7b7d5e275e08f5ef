using System.Net;
using System.Net.Sockets;
using System.Text;
using Sip.Transport;

namespace Sip.Tests.Transport;

/// <summary>
/// A burst of requests on loopback, every one answered, with datagrams taken and sent in batches
/// (<c>recvmmsg</c>/<c>sendmmsg</c>) and with one system call a datagram. The burst is sent before the receive loop
/// starts, so the socket's queue holds all of it and the batched loop must take several datagrams a call.
/// </summary>
public sealed class UdpBatchingTests
{
    private const int Burst = 300;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Test]
    public async Task EveryDatagramOfABurstIsReceivedAndAnsweredInBatches()
    {
        Assume.That(OperatingSystem.IsLinux(), "recvmmsg and sendmmsg are Linux calls; elsewhere the transport makes one call a datagram");
        await using var transport = new UdpSipTransport(new IPEndPoint(IPAddress.Loopback, 0), batched: true);

        var answered = await AnswerBurstAsync(transport);

        Assert.That(transport.Batched, Is.True, "batching is asked for and the C library has the calls");
        Assert.That(answered, Is.EquivalentTo(CallIds()), "every request of the burst is answered once");
        Assert.That(transport.LargestReceiveBatch, Is.GreaterThan(1), "the queued burst is taken several datagrams a call");
        Assert.That(transport.LargestSendBatch, Is.GreaterThan(1), "the answers to a batch go out together");
    }

    [Test]
    public async Task EveryDatagramOfABurstIsReceivedAndAnsweredOneCallADatagram()
    {
        await using var transport = new UdpSipTransport(new IPEndPoint(IPAddress.Loopback, 0), batched: false);

        var answered = await AnswerBurstAsync(transport);

        Assert.That(transport.Batched, Is.False);
        Assert.That(answered, Is.EquivalentTo(CallIds()), "every request of the burst is answered once");
        Assert.That(transport.LargestReceiveBatch, Is.EqualTo(1), "one datagram a receive call");
        Assert.That(transport.LargestSendBatch, Is.Zero, "nothing is held back to be sent together");
    }

    [Test]
    public async Task AnAnswerSentAfterTheHandlerReturnedLeavesAtOnce()
    {
        // An answer sent later, from another thread (a timer, a continuation), is not held for the next batch.
        await using var transport = new UdpSipTransport(new IPEndPoint(IPAddress.Loopback, 0));
        var inbound = new TaskCompletionSource<InboundMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        transport.Start(message =>
        {
            inbound.TrySetResult(message);
            return ValueTask.CompletedTask;
        });
        using var client = Client();
        await client.SendToAsync(Encoding.ASCII.GetBytes(Request("late")), transport.LocalEndPoint);
        var received = await inbound.Task.WaitAsync(Wait);

        await Task.Run(() => transport.SendAsync(SipResponse.For((SipRequest)received.Message, 486), received.Remote).AsTask());

        var buffer = new byte[65_536];
        using var timeout = new CancellationTokenSource(Wait);
        var read = await client.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
        Assert.That(Encoding.ASCII.GetString(buffer, 0, read), Does.StartWith("SIP/2.0 486"));
    }

    [Test]
    public async Task AHandlerThatAnswersAndThenClosesItsTransportEndsTheLoop()
    {
        // The answer is still held when the handler closes the socket: sending it afterwards must fail quietly.
        var transport = new UdpSipTransport(new IPEndPoint(IPAddress.Loopback, 0));
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var answered = 0;
        transport.Start(async message =>
        {
            await message.Transport.SendAsync(SipResponse.For((SipRequest)message.Message, 486), message.Remote);
            answered++;
            _ = transport.DisposeAsync().AsTask().ContinueWith(_ => closed.TrySetResult(), TaskScheduler.Default);
        });
        using var client = Client();

        await client.SendToAsync(Encoding.ASCII.GetBytes(Request("closing")), transport.LocalEndPoint);

        Assert.That(await Task.WhenAny(closed.Task, Task.Delay(Wait)), Is.SameAs(closed.Task), "the transport closes from its own handler");
        Assert.That(answered, Is.EqualTo(1));
    }

    private static async Task<List<string>> AnswerBurstAsync(UdpSipTransport transport)
    {
        using var client = Client();
        foreach (var callId in CallIds())
        {
            client.SendTo(Encoding.ASCII.GetBytes(Request(callId)), transport.LocalEndPoint);
        }

        transport.Start(async message =>
        {
            var response = SipResponse.For((SipRequest)message.Message, 200, toTag: "burst");
            await message.Transport.SendAsync(response, message.Remote);
            message.Message.Release();
        });

        var answered = new List<string>();
        var buffer = new byte[65_536];
        using var timeout = new CancellationTokenSource(Wait);
        while (answered.Count < Burst)
        {
            var read = await client.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            var answer = new SipParser().Parse(buffer.AsSpan(0, read), datagram: true);
            Assert.That(answer.Status, Is.EqualTo(SipParseStatus.Complete), answer.Detail);
            answered.Add(answer.Message!.CallId!);
        }

        return answered;
    }

    private static IEnumerable<string> CallIds() => Enumerable.Range(0, Burst).Select(i => $"burst-{i}@127.0.0.1");

    private static string Request(string callId) => UdpProbe.Options(callId, "burst");

    private static Socket Client() => UdpProbe.Client();
}
