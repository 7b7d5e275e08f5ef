using System.Globalization;
using static Interop.Tests.Sipp;

namespace Interop.Tests;

/// <summary>
/// sipp as caller and callee through the reference node on loopback, over UDP and TCP: the forward path
/// (INVITE, 180, 200, ACK, BYE, 200 through the node) and the intercept path (603 with its Reason, ACK absorbed).
/// </summary>
[NonParallelizable]
public sealed class SippInteropTests
{
    private const int Calls = 20;
    // Generous bounds: CI runs test assemblies side by side on two cores, and a starved sipp must not read as SUT loss.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(75);

    [SetUp]
    public void RequireSipp() => Sipp.Require();

    [TestCase("udp")]
    [TestCase("tcp")]
    // The longest receive window: the callee's 180 and 200 come back to back, so the node's loop pauses between them.
    [TestCase("udp", 1000)]
    public async Task AdmittedCallsFromAbroadGoThroughTheNodeToTheCalleeAndBack(string transport, int coalesceMicroseconds = 0)
    {
        var calleePort = FreePort.Next();
        using var callee = PeerProcess.Start("sipp",
            ["-sn", "uas", "-i", "127.0.0.1", "-p", Port(calleePort), "-t", Mode(transport), "-m", Calls.ToString(CultureInfo.InvariantCulture),
             "-nostdin", "-timeout", "60s", "-timeout_error", "-buff_size", "4194304"], Scenarios);
        await using var node = await NodeUnderTest.StartAsync(calleePort, transport, $"--Sip:UdpCoalesceMicroseconds={coalesceMicroseconds.ToString(CultureInfo.InvariantCulture)}");

        using var caller = Caller("uac-forward.xml", node, transport, "+14155550123");
        var callerExit = await caller.WaitAsync(Bound);
        var calleeExit = await callee.WaitAsync(Bound);

        Assert.Multiple(async () =>
        {
            Assert.That(callerExit, Is.Zero, "caller: every call must complete\n" + caller.Output);
            Assert.That(calleeExit, Is.Zero, "callee: every call must complete\n" + callee.Output);
            Assert.That(await node.CountedAsync("admittedToForwarded"), Is.EqualTo(Calls));
        });
    }

    [TestCase("udp")]
    [TestCase("tcp")]
    public async Task CallsFromAbroadPresentingAChineseNumberAreAnsweredWith603AndNeverForwarded(string transport)
    {
        var calleePort = FreePort.Next();
        await using var node = await NodeUnderTest.StartAsync(calleePort, transport);

        using var caller = Caller("uac-intercept.xml", node, transport, "+8613812345678");
        var callerExit = await caller.WaitAsync(Bound);

        Assert.Multiple(async () =>
        {
            Assert.That(callerExit, Is.Zero, "caller: every call must end with 603 and its Reason\n" + caller.Output);
            Assert.That(await node.CountedAsync("interceptedToFinalResponse"), Is.EqualTo(Calls));
            Assert.That(await node.CountedAsync("admittedToForwarded"), Is.Zero);
        });
    }

    private static PeerProcess Caller(string scenario, NodeUnderTest node, string transport, string caller) =>
        PeerProcess.Start("sipp",
        [
            $"127.0.0.1:{Port(node.International.Port)}", "-sf", scenario, "-s", "13812345678", "-key", "caller", caller,
            "-i", "127.0.0.1", "-p", Port(FreePort.Next()), "-t", Mode(transport),
            "-m", Calls.ToString(CultureInfo.InvariantCulture), "-r", "20", "-nostdin", "-timeout", "60s", "-timeout_error",
            "-buff_size", "4194304",
        ], Scenarios);
}
