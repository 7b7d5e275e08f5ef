using System.Globalization;
using static Interop.Tests.Sipp;

namespace Interop.Tests;

/// <summary>
/// sipp through the node where the node's transactions show: a caller that cancels while the callee rings
/// (200 to the CANCEL from the node, CANCEL passed on, 487 back), and a callee that never answers (the node's
/// timer B ends the call with 408). Over UDP and TCP; T1 is shrunk so that timer B is seconds, not 32 s.
/// </summary>
[NonParallelizable]
public sealed class SippProxyInteropTests
{
    private const int Calls = 5;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(75);

    [SetUp]
    public void RequireSipp() => Sipp.Require();

    [TestCase("udp")]
    [TestCase("tcp")]
    public async Task ACallCancelledWhileRingingEndsWith487OnBothSides(string transport)
    {
        var calleePort = FreePort.Next();
        using var callee = Callee("uas-ring-until-cancel.xml", calleePort, transport);
        await using var node = await NodeUnderTest.StartAsync(calleePort, transport);

        using var caller = Caller("uac-cancel.xml", node, transport);
        var callerExit = await caller.WaitAsync(Bound);
        var calleeExit = await callee.WaitAsync(Bound);

        Assert.Multiple(() =>
        {
            Assert.That(callerExit, Is.Zero, "caller: every call must end 200 (CANCEL) and 487 (INVITE)\n" + caller.Output);
            Assert.That(calleeExit, Is.Zero, "callee: every call must see the CANCEL and the ACK of its 487\n" + callee.Output);
        });
    }

    [TestCase("udp")]
    [TestCase("tcp")]
    public async Task ACallTheCalleeNeverAnswersEndsWith408FromTheNodesTimerB(string transport)
    {
        var calleePort = FreePort.Next();
        using var callee = Callee("uas-silent.xml", calleePort, transport);
        // T1 of 50 ms: timer B (64·T1) fires after 3.2 s.
        await using var node = await NodeUnderTest.StartAsync(calleePort, transport, "--Sip:T1Milliseconds=50");

        using var caller = Caller("uac-timeout.xml", node, transport);
        var callerExit = await caller.WaitAsync(Bound);
        var calleeExit = await callee.WaitAsync(Bound);

        Assert.Multiple(async () =>
        {
            Assert.That(callerExit, Is.Zero, "caller: every call must end with 408 from the node\n" + caller.Output);
            Assert.That(calleeExit, Is.Zero, "callee: every call's INVITE must arrive\n" + callee.Output);
            Assert.That(await node.CountedAsync("admittedToForwarded"), Is.EqualTo(Calls));
        });
    }

    private static PeerProcess Callee(string scenario, int port, string transport) =>
        PeerProcess.Start("sipp",
        [
            "-sf", scenario, "-i", "127.0.0.1", "-p", Port(port), "-t", Mode(transport), "-m", Calls.ToString(CultureInfo.InvariantCulture),
            "-nostdin", "-timeout", "60s", "-timeout_error", "-buff_size", "4194304",
        ], Scenarios);

    private static PeerProcess Caller(string scenario, NodeUnderTest node, string transport) =>
        PeerProcess.Start("sipp",
        [
            $"127.0.0.1:{Port(node.International.Port)}", "-sf", scenario, "-s", "13812345678", "-key", "caller", "+14155550123",
            "-i", "127.0.0.1", "-p", Port(FreePort.Next()), "-t", Mode(transport),
            "-m", Calls.ToString(CultureInfo.InvariantCulture), "-r", "5", "-nostdin", "-timeout", "60s", "-timeout_error",
            "-buff_size", "4194304",
        ], Scenarios);
}
