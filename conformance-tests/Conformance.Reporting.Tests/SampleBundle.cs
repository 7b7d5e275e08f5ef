using System.Text.Json;
using Conformance.Reporting.Bundle;
using Conformance.SpecModel;

namespace Conformance.Reporting.Tests;

/// <summary>A small but complete bundle built from hand-made outcomes of the real spec's scenarios: one passed, one failed, one not applicable.</summary>
public static class SampleBundle
{
    public static readonly string Spec = Path.Combine(AppContext.BaseDirectory, "spec");

    public static IReadOnlyList<ScenarioOutcome> Outcomes()
    {
        var at = new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
        return
        [
            new ScenarioOutcome("Calls from abroad presenting Chinese national numbers", "A call from a domestic carrier presenting a +86 number is forwarded",
                ["interception", "INT-INTL-004", "pics:INT-INTL"], Verdict.Passed, null, at, at.AddMilliseconds(40),
                ["12:00:00.001 sent to 127.0.0.1:5062\nINVITE sip:1@x SIP/2.0", "12:00:00.010 received from 127.0.0.1:5062\nSIP/2.0 200 OK"],
                [new StepOutcome("Given", "a callee in the national network", "passed", 1, null)],
                [
                    new CapturedPacket(at.AddMilliseconds(1), "UDP", "127.0.0.1:40100", "127.0.0.1:5062", Sip("INVITE sip:1@x SIP/2.0\r\nCall-ID: sample-1\r\nCSeq: 1 INVITE\r\n")),
                    new CapturedPacket(at.AddMilliseconds(5), "TCP", "127.0.0.1:40200", "127.0.0.1:40300", Sip("INVITE sip:1@y SIP/2.0\r\nCall-ID: sample-1\r\nCSeq: 1 INVITE\r\n"), 1),
                    new CapturedPacket(at.AddMilliseconds(10), "UDP", "127.0.0.1:5062", "127.0.0.1:40100", Sip("SIP/2.0 200 OK\r\nCall-ID: sample-1\r\nCSeq: 1 INVITE\r\n")),
                ]),
            new ScenarioOutcome("Signalling of intercepted calls", "The intercepted call gets exactly the configured profile's final response",
                ["interception", "INT-SIG-001", "pics:INT-SIG"], Verdict.Failed, "expected 603, got 200", at, at.AddMilliseconds(80),
                ["12:00:00.020 sent to 127.0.0.1:5064\nINVITE sip:2@x SIP/2.0"],
                [new StepOutcome("Given", "a callee in the national network", "passed", 1, null), new StepOutcome("When", "a call from abroad attempts to present a domestic mobile number in +86 form", "failed", 5, "expected 603, got 200")]),
            new ScenarioOutcome("Signalling of intercepted calls", "A retransmitted intercepted INVITE gets the same final response and is not forwarded",
                ["interception", "INT-SIG-002", "pics:INT-SIG"], Verdict.NotApplicable, "capability declared absent in the PICS", at, at, []),
        ];
    }

    /// <summary>A SIP message with the headers Wireshark's dissector wants to see besides <paramref name="head"/>.</summary>
    private static byte[] Sip(string head) =>
        System.Text.Encoding.ASCII.GetBytes(head + "Via: SIP/2.0/UDP 127.0.0.1:40100;branch=z9hG4bK1\r\nFrom: <sip:a@x>;tag=1\r\nTo: <sip:1@x>\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n");

    public static ConformanceReport Report(IReadOnlyList<ScenarioOutcome> outcomes, IReadOnlyList<KnownDeviation>? deviations = null)
    {
        var catalogue = RequirementCatalogue.Load(Path.Combine(Spec, "requirements.yaml"));
        return ReportBuilder.Build(catalogue, outcomes, new SuiteInfo("harassment-call-conformance", "0.1.0"), SpecHash.Compute(Spec),
            new TargetInfo("sample system", "target-file", "Vendor", "Product", "1.0", "atis-603plus"),
            outcomes[0].Started, outcomes[0].Finished,
            new RunDetails("20261128T120000Z", new Dictionary<string, bool> { ["INT-INTL"] = true, ["INT-SIG"] = true }, deviations ?? [], null,
            [
                new RealmProbe("access", "127.0.0.1:5060", true, 200, ["INVITE", "ACK"], [], ["access: the PICS declares INT-SIG but Allow does not list CANCEL; declare INT-SIG false or advertise CANCEL."]),
                new RealmProbe("international", "127.0.0.1:5064", false, null, [], [], [], "international (127.0.0.1:5064) did not answer OPTIONS within 2000 ms (timeouts.responseMs); its advertised capabilities were not compared with the PICS (inconclusive)."),
            ]));
    }

    public static string Write(System.Security.Cryptography.ECDsa? key = null, string? directory = null)
    {
        directory ??= NewDirectory();
        var outcomes = Outcomes();
        var target = TargetRedaction.Redact("""{ "description": "sample system", "adapter": "target-file", "api": { "password": "hunter2" } }""");
        using var ephemeral = BundleSigning.NewEphemeralKey();
        BundleWriter.Write(directory, Report(outcomes), outcomes, Spec, target, key ?? ephemeral, key is null);
        return directory;
    }

    public static string NewDirectory() => RunOutputs.Folders.NewDirectory();

    public static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public static JsonDocument Json(string path) => JsonDocument.Parse(File.ReadAllText(path));
}
