using System.Net;
using System.Net.Http.Json;
using Conformance.Adapters.Reference;
using Conformance.Harness.Adapters;
using Conformance.Harness.Evidence;
using Conformance.Harness.Push;
using Conformance.Harness.Calls;
using Conformance.Harness.ShortMessages;
using Conformance.Harness.Targets;

namespace Conformance.Adapters.Reference.Tests;

/// <summary>
/// The flash SMS delay of the embedded reference as a distribution: from a labelled call's INVITE reaching the
/// callee (forwarded by the node) to the flash SMS reaching the suite's SMSC, over many calls. Target 50 ms.
/// </summary>
public sealed class FlashSmsDelayMeasurement
{
    [Test]
    [Explicit("A measurement that prints figures; timing is never asserted in unit tests.")]
    public async Task FlashSmsDelayOverManyLabelledCalls([Values(200)] int calls)
    {
        await using var smsc = new SuiteSmsc();
        smsc.Start();
        await using var push = new PushSink();
        await push.StartAsync();
        await using var callee = new TerminatingUa(new IPEndPoint(IPAddress.Loopback, 0));
        await using var caller = new OriginatingUa(new IPEndPoint(IPAddress.Loopback, 0));
        await using var node = new ReferenceAdapter("atis-603plus", [], new RuleParameters { LabelReporters = 1, OneRingCallees = 1_000_000 }, new WarningPeers(smsc.EndPoint, push.Url));
        // The calls ring and are cancelled at once: without a high one-ring threshold the caller would be flagged after 20.
        var endpoints = await node.StartAsync(callee.LocalEndPoint, CancellationToken.None);
        using var http = new HttpClient { BaseAddress = endpoints.Management };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", endpoints.ManagementToken);
        const string labelled = "13912345678";
        using (var report = await http.PostAsJsonAsync("/v1/reports", new { number = labelled, category = "fraud", reporter = "u1", channel = "app" }))
        {
            Assert.That(report.IsSuccessStatusCode, Is.True);
        }

        var log = new EvidenceLog(TimeProvider.System);
        var delays = new List<TimeSpan>();
        for (var i = 0; i < calls; i++)
        {
            var number = $"1380000{i:0000}";
            callee.RingWithoutAnswer(number);
            var forwardedAt = callee.WaitForInviteAsync(number, TimeSpan.FromSeconds(2))
                .ContinueWith(_ => DateTimeOffset.UtcNow, TaskContinuationOptions.ExecuteSynchronously);
            var invite = caller.CreateInvite(new CallSpec(labelled, number), endpoints.Realm("interconnect"));
            ReceivedShortMessage? flash = null;
            await caller.RingThenCancelAsync(invite, endpoints.Realm("interconnect"), log, TimeSpan.FromSeconds(2),
                async () => flash = await smsc.WaitForMessageAsync(number, TimeSpan.FromSeconds(2)));
            if (flash is not null)
            {
                delays.Add(flash.FirstArrivedAt - await forwardedAt);
            }
        }

        var distribution = LatencyDistribution.Of(delays);
        TestContext.Out.WriteLine($"flash SMS delay, INVITE at callee → SMSC, {calls} labelled calls: {distribution}; within 50 ms: {delays.Count(d => d <= TimeSpan.FromMilliseconds(50))}/{delays.Count}");
        Assert.That(delays, Has.Count.EqualTo(calls), "every labelled call that rang got its flash SMS");
    }
}
