using System.Globalization;
using static Interop.Tests.Sipp;

namespace Interop.Tests;

/// <summary>
/// Kamailio as the upstream proxy in front of the node, as a carrier's edge would sit: sipp caller → Kamailio
/// (transaction-stateful, record-routing) → the node's international port → sipp callee, over UDP and TCP. Admitted
/// calls complete end to end through both proxies; intercepted ones come back through Kamailio as 603 with the Reason.
/// </summary>
[NonParallelizable]
public sealed class KamailioUpstreamInteropTests
{
    private const int Calls = 5;
    // Generous bounds: CI runs test assemblies side by side on two cores, and a starved peer must not read as a failure.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [SetUp]
    public void RequirePeers()
    {
        Sipp.Require();
        if (KamailioProxy.Executable is null)
        {
            Assert.Ignore("kamailio is not installed (Debian package kamailio; .ci/install adds it)");
        }
    }

    [TestCase("udp")]
    [TestCase("tcp")]
    public async Task AdmittedCallsGoThroughKamailioAndTheNodeToTheCalleeAndBack(string transport)
    {
        var calleePort = FreePort.Next();
        using var callee = PeerProcess.Start("sipp",
            ["-sn", "uas", "-i", "127.0.0.1", "-p", Port(calleePort), "-t", Mode(transport), "-m", Calls.ToString(CultureInfo.InvariantCulture),
             "-nostdin", "-timeout", "50s", "-timeout_error", "-buff_size", "4194304"], Scenarios);
        await using var node = await NodeUnderTest.StartAsync(calleePort, transport);
        using var kamailio = await KamailioProxy.StartAsync(node.International, transport);

        using var caller = Caller("uac-forward.xml", kamailio, transport, "+14155550123");
        var callerExit = await caller.WaitAsync(Bound);
        var calleeExit = await callee.WaitAsync(Bound);

        Assert.Multiple(async () =>
        {
            Assert.That(callerExit, Is.Zero, "caller: every call must complete\n" + caller.Output + "\nkamailio:\n" + kamailio.Output);
            Assert.That(calleeExit, Is.Zero, "callee: every call must complete\n" + callee.Output);
            Assert.That(await node.CountedAsync("admittedToForwarded"), Is.EqualTo(Calls), "every INVITE must pass through the node");
        });
    }

    [TestCase("udp")]
    [TestCase("tcp")]
    public async Task InterceptedCallsComeBackThroughKamailioWith603AndItsReason(string transport)
    {
        var calleePort = FreePort.Next();
        await using var node = await NodeUnderTest.StartAsync(calleePort, transport);
        using var kamailio = await KamailioProxy.StartAsync(node.International, transport);

        using var caller = Caller("uac-intercept.xml", kamailio, transport, "+8613812345678");
        var callerExit = await caller.WaitAsync(Bound);

        Assert.Multiple(async () =>
        {
            Assert.That(callerExit, Is.Zero, "caller: every call must end with 603 and its Reason\n" + caller.Output + "\nkamailio:\n" + kamailio.Output);
            Assert.That(await node.CountedAsync("interceptedToFinalResponse"), Is.EqualTo(Calls));
            Assert.That(await node.CountedAsync("admittedToForwarded"), Is.Zero);
        });
    }

    private static PeerProcess Caller(string scenario, KamailioProxy kamailio, string transport, string caller) =>
        PeerProcess.Start("sipp",
        [
            $"127.0.0.1:{Port(kamailio.Port)}", "-sf", scenario, "-s", "13812345678", "-key", "caller", caller,
            "-i", "127.0.0.1", "-p", Port(FreePort.Next()), "-t", Mode(transport),
            "-m", Calls.ToString(CultureInfo.InvariantCulture), "-r", "10", "-nostdin", "-timeout", "50s", "-timeout_error",
            "-buff_size", "4194304",
        ], Scenarios);
}
