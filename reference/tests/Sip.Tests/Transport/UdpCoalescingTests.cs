using System.Net;
using System.Net.Sockets;
using System.Text;
using Sip.Transport;

namespace Sip.Tests.Transport;

/// <summary>
/// The UDP loop's coalescing window (<see cref="ReceiveWindow"/>) on loopback: what comes while a busy loop pauses is
/// taken several datagrams a call and every one answered; an idle loop handles a lone request as soon as it comes,
/// before any pause; a transport stopped while its loop pauses stops. What happens is counted (receive calls, pauses,
/// waits), never timed.
/// </summary>
public sealed class UdpCoalescingTests
{
    private const int Burst = 40;
    private const int Window = UdpSipTransport.MaxCoalesceMicroseconds;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Test]
    public async Task ABurstThatComesWhileTheLoopPausesIsAnsweredAndTakenInFewerCallsThanDatagrams()
    {
        AssumeCoalescing();
        await using var transport = new UdpSipTransport(new IPEndPoint(IPAddress.Loopback, 0), coalesceMicroseconds: Window);
        using var client = Client();
        var burstSent = 0;
        long callsBeforeBurst = 0;
        transport.BeforePause = () =>
        {
            // On the loop's thread as it begins its first pause: the burst is queued while it sleeps.
            if (burstSent++ == 0)
            {
                callsBeforeBurst = transport.ReceiveCalls;
                foreach (var callId in CallIds("burst", Burst))
                {
                    client.SendTo(Encoding.ASCII.GetBytes(Request(callId)), transport.LocalEndPoint);
                }
            }
        };

        // The opener is queued before the loop starts, so its first wait ends at once: the loop is busy and pauses.
        // Should the machine hold the loop's thread up past a window even so, each opener sends the next until it does.
        var openers = 0;
        client.SendTo(Encoding.ASCII.GetBytes(Request("opener-0")), transport.LocalEndPoint);
        transport.Start(async message =>
        {
            if (message.Message.CallId!.StartsWith("opener", StringComparison.Ordinal) && burstSent == 0 && ++openers < 100)
            {
                client.SendTo(Encoding.ASCII.GetBytes(Request($"opener-{openers}")), transport.LocalEndPoint);
            }

            await message.Transport.SendAsync(SipResponse.For((SipRequest)message.Message, 200, toTag: "burst"), message.Remote);
            message.Message.Release();
        });

        var answered = await AnswersAsync(client, Burst, "burst");

        Assert.That(transport.CoalesceMicroseconds, Is.EqualTo(Window));
        Assert.That(transport.Pauses, Is.GreaterThanOrEqualTo(1), "the loop paused once it was busy");
        Assert.That(answered, Is.EquivalentTo(CallIds("burst", Burst)), "every request sent while the loop paused is answered once");
        Assert.That(transport.ReceivedDatagrams, Is.GreaterThanOrEqualTo(Burst + 1), "the opener and the burst");
        Assert.That(transport.ReceiveCalls - callsBeforeBurst, Is.LessThan(Burst / 4), "what came during the pause was taken several datagrams a call");
    }

    [Test]
    public async Task AnIdleLoopHandlesALoneRequestBeforeAnyPause()
    {
        AssumeCoalescing();
        await using var transport = new UdpSipTransport(new IPEndPoint(IPAddress.Loopback, 0), coalesceMicroseconds: Window);
        using var client = Client();
        long pausesWhenHandled = -1;
        transport.Start(async message =>
        {
            pausesWhenHandled = transport.Pauses;
            await message.Transport.SendAsync(SipResponse.For((SipRequest)message.Message, 200, toTag: "lone"), message.Remote);
            message.Message.Release();
        });

        client.SendTo(Encoding.ASCII.GetBytes(Request("first")), transport.LocalEndPoint);
        await AnswersAsync(client, 1, "first");

        // Whether or not the first request made the loop pause, it is back to waiting once a pause finds nothing.
        Assert.That(SpinWait.SpinUntil(() => transport.Waits >= 2, Wait), Is.True, "the loop waits again");
        var pausesBefore = transport.Pauses;
        client.SendTo(Encoding.ASCII.GetBytes(Request("lone")), transport.LocalEndPoint);
        var answered = await AnswersAsync(client, 1, "lone");

        Assert.That(answered, Is.EqualTo(new[] { "lone@127.0.0.1" }));
        Assert.That(pausesWhenHandled, Is.EqualTo(pausesBefore), "the request that ended the wait was handled before any pause");
    }

    [Test]
    public async Task AStopWhileTheLoopPausesEndsTheLoop()
    {
        AssumeCoalescing();
        var transport = new UdpSipTransport(new IPEndPoint(IPAddress.Loopback, 0), coalesceMicroseconds: Window);
        var stopping = new TaskCompletionSource<Task>(TaskCreationOptions.RunContinuationsAsynchronously);
        transport.BeforePause = () => stopping.TrySetResult(transport.DisposeAsync().AsTask());
        using var client = Client();
        client.SendTo(Encoding.ASCII.GetBytes(Request("opener-0")), transport.LocalEndPoint);
        var handled = 0;
        transport.Start(message =>
        {
            // As in the burst test, each opener sends the next until the loop has paused once.
            if (++handled < 100 && !stopping.Task.IsCompleted)
            {
                client.SendTo(Encoding.ASCII.GetBytes(Request($"opener-{handled}")), transport.LocalEndPoint);
            }

            message.Message.Release();
            return ValueTask.CompletedTask;
        });

        var stopped = await stopping.Task.WaitAsync(Wait);

        Assert.That(await Task.WhenAny(stopped, Task.Delay(Wait)), Is.SameAs(stopped), "the loop ends when its pause does");
        Assert.That(transport.Pauses, Is.EqualTo(1), "no pause after the stop");
    }

    [Test]
    public async Task WithoutBatchingThereIsNoWindow()
    {
        await using var transport = new UdpSipTransport(new IPEndPoint(IPAddress.Loopback, 0), batched: false, coalesceMicroseconds: Window);

        Assert.That(transport.CoalesceMicroseconds, Is.Zero, "a loop that cannot take what is queued without waiting does not pause");
    }

    [Test]
    public void AWindowPastTheLongestIsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new UdpSipTransport(new IPEndPoint(IPAddress.Loopback, 0), coalesceMicroseconds: Window + 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new UdpSipTransport(new IPEndPoint(IPAddress.Loopback, 0), coalesceMicroseconds: -1));
    }

    private static void AssumeCoalescing() =>
        Assume.That(OperatingSystem.IsLinux(), "the window needs recvmmsg and clock_nanosleep, Linux calls; elsewhere there is none");

    private static async Task<List<string>> AnswersAsync(Socket client, int count, string prefix)
    {
        var answered = new List<string>();
        var buffer = new byte[65_536];
        using var timeout = new CancellationTokenSource(Wait);
        for (var read = 0; read < count; read++)
        {
            var length = await client.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            var answer = new SipParser().Parse(buffer.AsSpan(0, length), datagram: true);
            Assert.That(answer.Status, Is.EqualTo(SipParseStatus.Complete), answer.Detail);
            if (answer.Message!.CallId!.StartsWith(prefix, StringComparison.Ordinal))
            {
                answered.Add(answer.Message.CallId);
            }
            else
            {
                count++;
            }
        }

        return answered;
    }

    private static IEnumerable<string> CallIds(string prefix, int count) => Enumerable.Range(0, count).Select(i => $"{prefix}-{i}@127.0.0.1");

    private static string Request(string callId) =>
        UdpProbe.Options(callId.Contains('@', StringComparison.Ordinal) ? callId : $"{callId}@127.0.0.1", "coalesce");

    private static Socket Client() => UdpProbe.Client();
}
