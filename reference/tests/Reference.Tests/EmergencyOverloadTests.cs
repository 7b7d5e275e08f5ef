using System.Text.Json;
using Sip;

namespace Reference.Tests;

/// <summary>
/// Emergency calls (110, 119, 120, 122) under overload: a node with a tiny Sip:MaxTransactions and a callee that never
/// answers sheds ordinary INVITEs with 503 but forwards every emergency one.
/// </summary>
[NonParallelizable]
public sealed class EmergencyOverloadTests
{
    private const string Abroad = "+14155550123";
    private static readonly string[] Emergency = ["110", "119", "120", "122"];

    [Test]
    public async Task EmergencyInvitesAreForwardedWhileOrdinaryOnesAreShed()
    {
        await using var callee = new SipPeer();
        await using var caller = new SipPeer();
        await using var node = await ProxyingNode.StartAsync(callee.EndPoint, "--Sip:MaxTransactions=1");

        await caller.SendAsync(caller.Invite(node.International, Abroad, "13812345678"), node.International);
        await callee.RequestAsync("INVITE");
        var shedInvite = caller.Invite(node.International, Abroad, "13812345679");
        await caller.SendAsync(shedInvite, node.International);
        await caller.NextAsync<SipResponse>(r => r.CallId == shedInvite.CallId && r.StatusCode == 503);
        var emergencyCalls = new List<string>();
        foreach (var number in Emergency)
        {
            var invite = caller.Invite(node.International, Abroad, number);
            emergencyCalls.Add(invite.CallId!);
            await caller.SendAsync(invite, node.International);
            await callee.NextAsync<SipRequest>(r => r.Method == "INVITE" && r.CallId == invite.CallId);
        }

        Assert.That(caller.Seen.OfType<SipResponse>().Where(r => r.StatusCode == 503).Select(r => r.CallId), Is.EquivalentTo(new[] { shedInvite.CallId }),
            "only the ordinary call is shed");
    }

    /// <summary>
    /// The overload run the lead's report quotes: ordinary calls and emergency calls interleaved against a bound far
    /// below the offered load, with the callee silent; prints how many of each were forwarded and shed.
    /// </summary>
    [Test]
    public async Task UnderSustainedOverloadEveryEmergencyCallGetsThrough()
    {
        const int Rounds = 50;
        const int Bound = 10;
        await using var callee = new SipPeer();
        await using var caller = new SipPeer();
        await using var node = await ProxyingNode.StartAsync(callee.EndPoint, $"--Sip:MaxTransactions={Bound}", "--Screening:Bombing:Limit=1000000");
        var emergency = new HashSet<string>();
        var ordinary = new HashSet<string>();

        for (var round = 0; round < Rounds; round++)
        {
            for (var i = 0; i < 4; i++)
            {
                var invite = caller.Invite(node.International, Abroad, "1381234" + (round * 4 + i).ToString("D4", System.Globalization.CultureInfo.InvariantCulture));
                ordinary.Add(invite.CallId!);
                await caller.SendAsync(invite, node.International);
            }

            var call = caller.Invite(node.International, Abroad, Emergency[round % Emergency.Length]);
            emergency.Add(call.CallId!);
            await caller.SendAsync(call, node.International);
        }

        var metrics = await node.MetricsWhenAsync(m => Shed(m) + Forwarded(m) >= 5 * Rounds, TimeSpan.FromSeconds(20));
        await Task.Delay(200);
        var forwarded = callee.Seen.OfType<SipRequest>().Where(r => r.Method == "INVITE").Select(r => r.CallId!).ToHashSet();
        var shed = caller.Seen.OfType<SipResponse>().Where(r => r.StatusCode == 503).Select(r => r.CallId!).ToHashSet();
        var emergencyThrough = emergency.Count(forwarded.Contains);
        TestContext.Out.WriteLine(
            $"bound {Bound} transactions, silent callee, {ordinary.Count} ordinary + {emergency.Count} emergency INVITEs: " +
            $"ordinary forwarded {ordinary.Count(forwarded.Contains)}, shed {ordinary.Count(shed.Contains)}; " +
            $"emergency forwarded {emergencyThrough}, shed {emergency.Count(shed.Contains)}; node counted {Shed(metrics)} shed");

        Assert.Multiple(() =>
        {
            Assert.That(emergencyThrough, Is.EqualTo(emergency.Count), "every emergency call reaches the callee");
            Assert.That(emergency.Count(shed.Contains), Is.Zero);
            Assert.That(ordinary.Count(shed.Contains), Is.GreaterThanOrEqualTo(ordinary.Count - Bound), "the bound still sheds the rest");
        });
    }

    private static long Shed(JsonElement metrics) => metrics.GetProperty("overloadRejected").GetInt64();

    private static long Forwarded(JsonElement metrics) => metrics.GetProperty("invite").GetProperty("admittedToForwarded").GetProperty("count").GetInt64();
}
