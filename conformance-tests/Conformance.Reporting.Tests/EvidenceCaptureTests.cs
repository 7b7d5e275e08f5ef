using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Conformance.Reporting.Bundle;

namespace Conformance.Reporting.Tests;

/// <summary>Evidence an engineer can replay: stable names, the exchange under each step of report.html, and a capture Wireshark reads.</summary>
public sealed class EvidenceCaptureTests
{
    private static readonly Lazy<string> Bundle = new(() => SampleBundle.Write());

    [Test]
    public void AScenarioNamesItsEvidenceAlikeInAFullRunAndInASubset()
    {
        var all = SampleBundle.Outcomes();

        var full = EvidenceWriter.Stems(all);
        var subset = EvidenceWriter.Stems([all[2], all[1]]);

        Assert.Multiple(() =>
        {
            Assert.That(subset, Is.EqualTo(new[] { full[2], full[1] }));
            Assert.That(full[0], Does.Match(@"^evidence/INT-INTL-004--a-call-from-a-domestic-carrier-presenting-a-86-[0-9a-f]{8}$"), "a long name is cut on a word and keeps a hash of the whole");
            Assert.That(full.Distinct(), Has.Exactly(3).Items);
        });
    }

    [Test]
    public void TheCucumberMessagesAttachTheEvidenceToTheStepThatRanWhenItWasRecorded()
    {
        var envelopes = File.ReadAllLines(Path.Combine(Bundle.Value, "messages.ndjson")).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        var steps = envelopes.Where(e => e.ContainsKey("testCase")).SelectMany(e => e["testCase"]!["testSteps"]!.AsArray()).Select(s => (string)s!["id"]!).ToHashSet();
        var started = envelopes.Where(e => e.ContainsKey("testCaseStarted")).Select(e => (string)e["testCaseStarted"]!["id"]!).ToHashSet();

        var attachments = envelopes.Where(e => e.ContainsKey("attachment")).Select(e => e["attachment"]!).ToList();

        Assert.That(attachments, Is.Not.Empty);
        Assert.Multiple(() =>
        {
            Assert.That(attachments.Select(a => (string)a["testStepId"]!), Is.All.Matches<string>(steps.Contains));
            Assert.That(attachments.Select(a => (string)a["testCaseStartedId"]!), Is.All.Matches<string>(started.Contains));
            Assert.That(attachments.Select(a => (string)a["body"]!), Has.Some.Contains("INVITE sip:1@x").And.Contains("SIP/2.0 200 OK"));
            Assert.That(attachments.Select(a => (string)a["body"]!), Has.Some.Contains("INVITE sip:2@x"), "the failed scenario's INVITE is under one of its steps");
        });
    }

    [Test]
    public void StepEvidenceGoesToTheStepRunningAtItsTime()
    {
        var at = new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
        var outcome = new ScenarioOutcome("F", "S", ["INT-SIG-001"], Verdict.Passed, null, at, at.AddSeconds(3),
            ["12:00:00.500000 first", "12:00:01.500000 second", "12:00:09.000000 late", "no time"],
            [new StepOutcome("Given", "a", "passed", 1000, null), new StepOutcome("When", "b", "passed", 1000, null)]);

        var split = StepEvidence.Split(outcome, 3);

        Assert.That(split.Select(s => s.Count), Is.EqualTo(new[] { 2, 2, 0 }));
        Assert.That(split[1], Is.EqualTo(new[] { "12:00:01.500000 second", "12:00:09.000000 late" }));
    }

    [Test]
    public void TheCaptureIsListedInTheManifestBesideTheText()
    {
        using var manifest = SampleBundle.Json(Path.Combine(Bundle.Value, BundleManifest.FileName));
        var files = manifest.RootElement.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("path").GetString()!).ToList();
        using var report = SampleBundle.Json(Path.Combine(Bundle.Value, "conformance-report.json"));
        var scenario = report.RootElement.GetProperty("requirements").EnumerateArray()
            .Single(r => r.GetProperty("id").GetString() == "INT-INTL-004").GetProperty("scenarios")[0];

        var capture = scenario.GetProperty("captureFile").GetString();

        Assert.That(capture, Is.EqualTo(Path.ChangeExtension(scenario.GetProperty("evidenceFile").GetString(), ".pcapng")));
        Assert.That(files, Does.Contain(capture).And.Contain(scenario.GetProperty("evidenceFile").GetString()));
        Assert.That(files.Count(f => f.EndsWith(".pcapng", StringComparison.Ordinal)), Is.EqualTo(1), "scenarios whose peers saw nothing have no capture");
    }

    [Test]
    public void TheIPv4HeaderChecksumAddsUp()
    {
        var frame = PcapNgWriter.Frame(new CapturedPacket(DateTimeOffset.UnixEpoch, "UDP", "127.0.0.1:5060", "127.0.0.2:5062", [1, 2, 3]), []);

        Assert.That(PcapNgWriter.Checksum(frame.AsSpan(14, 20)), Is.Zero, "a header with its checksum in place sums to 0xffff");
        Assert.That(frame.AsSpan(14 + 20 + 8).ToArray(), Is.EqualTo(new byte[] { 1, 2, 3 }));
    }

    /// <summary>Debian's tshark (package tshark) reads the capture and its SIP dissector finds the requests and the response, over UDP and TCP.</summary>
    [Test]
    public void TsharkDissectsTheCaptureAsSip()
    {
        var tshark = new[] { "/usr/bin/tshark", "/usr/local/bin/tshark" }.FirstOrDefault(File.Exists);
        if (tshark is null)
        {
            Assert.Ignore("tshark is not installed (Debian package tshark; .ci/install installs it)");
        }

        using var report = SampleBundle.Json(Path.Combine(Bundle.Value, "conformance-report.json"));
        var capture = report.RootElement.GetProperty("requirements").EnumerateArray()
            .Single(r => r.GetProperty("id").GetString() == "INT-INTL-004").GetProperty("scenarios")[0].GetProperty("captureFile").GetString()!;

        var lines = Run(tshark!, "-r", Path.Combine(Bundle.Value, capture), "-Y", "sip", "-T", "fields", "-E", "separator=|",
            "-e", "frame.time_epoch", "-e", "ip.src", "-e", "ip.dst", "-e", "sip.Method", "-e", "sip.Status-Code", "-e", "sip.Call-ID");

        Assert.That(lines, Has.Count.EqualTo(3), string.Join('\n', lines));
        Assert.Multiple(() =>
        {
            Assert.That(lines[0], Does.StartWith("1795867200.001000").And.Contain("|127.0.0.1|127.0.0.1|INVITE||sample-1"));
            Assert.That(lines[1], Does.Contain("|INVITE||sample-1"), "the TCP read is dissected as SIP too");
            Assert.That(lines[2], Does.Contain("||200|sample-1"));
        });
    }

    private static List<string> Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill();
            Assert.Fail($"{file} did not finish within 120 s");
        }

        Assert.That(process.ExitCode, Is.Zero, error.Result);
        return output.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
    }
}
