using System.Diagnostics;
using System.Globalization;
using Conformance.Harness.ShortMessages;
using Smpp.Esme;
using Smpp.Text;

namespace Conformance.Harness.Tests.Esme;

/// <summary>
/// Prints submit_sm throughput and latency of our ESME against the suite's SMSC over loopback. A measurement,
/// not a check: run it on demand with
/// <c>dotnet test conformance-tests/Conformance.Harness.Tests --filter Name=Submit_sm_throughput_over_loopback --logger "console;verbosity=detailed"</c>.
/// </summary>
public class SubmitThroughputMeasurement
{
    [Test]
    [Explicit("A measurement that prints figures; timing is never asserted in unit tests.")]
    [TestCase(1)]
    [TestCase(10)]
    [TestCase(50)]
    public async Task Submit_sm_throughput_over_loopback(int window)
    {
        const int messages = 20_000;
        await using var smsc = new SuiteSmsc();
        smsc.Start();
        await using var esme = new EsmeClient(new EsmeOptions { SystemId = "bench", WindowSize = window }, SmppConnectors.Tcp(smsc.EndPoint));
        esme.Start();
        await esme.SubmitAsync(new OutboundMessage("12321", "13000000000", "预热", DataCodings.FlashUcs2));

        var clock = Stopwatch.StartNew();
        var submissions = Enumerable.Range(0, messages)
            .Select(i => esme.SubmitAsync(new OutboundMessage("12321", "138" + i.ToString("D8", CultureInfo.InvariantCulture), "【安全提示】来电被多人标记为骚扰电话,请谨慎接听。", DataCodings.FlashUcs2)))
            .ToList();
        var results = await Task.WhenAll(submissions);
        clock.Stop();

        Assert.That(results.Select(r => r.Outcome), Is.All.EqualTo(SubmissionOutcome.Accepted));
        var latency = LatencyDistribution.Of(results.Select(r => r.CompletedAt - r.QueuedAt));
        TestContext.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"window={window} messages={messages} elapsed={clock.Elapsed.TotalSeconds:0.00} s throughput={messages / clock.Elapsed.TotalSeconds:0} submit_sm/s queued→accepted {latency}"));
    }

    /// <summary>One flash SMS at a time, as a warning during an alerting call goes out: ESME queue to SMSC acceptance.</summary>
    [Test]
    [Explicit("A measurement that prints figures; timing is never asserted in unit tests.")]
    public async Task Single_flash_sms_latency_over_loopback()
    {
        const int messages = 2_000;
        await using var smsc = new SuiteSmsc();
        smsc.Start();
        await using var esme = new EsmeClient(new EsmeOptions { SystemId = "bench" }, SmppConnectors.Tcp(smsc.EndPoint));
        esme.Start();
        await esme.SubmitAsync(new OutboundMessage("12321", "13000000000", "预热", DataCodings.FlashUcs2));

        var toSmsc = new List<TimeSpan>(messages);
        var toAccepted = new List<TimeSpan>(messages);
        for (var i = 0; i < messages; i++)
        {
            var destination = "139" + i.ToString("D8", CultureInfo.InvariantCulture);
            var result = await esme.SubmitAsync(new OutboundMessage("12321", destination, "【安全提示】来电被多人标记为骚扰电话,请谨慎接听。", DataCodings.FlashUcs2));
            Assert.That(result.Outcome, Is.EqualTo(SubmissionOutcome.Accepted));
            var arrived = await smsc.WaitForMessageAsync(destination, TimeSpan.FromSeconds(5));
            toSmsc.Add(arrived!.FirstArrivedAt - result.QueuedAt);
            toAccepted.Add(result.CompletedAt - result.QueuedAt);
        }

        TestContext.Out.WriteLine($"queued→at SMSC {LatencyDistribution.Of(toSmsc)}");
        TestContext.Out.WriteLine($"queued→accepted {LatencyDistribution.Of(toAccepted)}");
    }
}
