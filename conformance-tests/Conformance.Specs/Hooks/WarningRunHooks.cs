using System.Text;
using Conformance.Harness;
using Conformance.Harness.Warnings;
using Conformance.Specs.Support;
using TechTalk.SpecFlow;

namespace Conformance.Specs.Hooks;

/// <summary>
/// At the end of the run, before the peers stop: the flash SMS delay distribution (target 50 ms), and the
/// warning-text check over every SMS and push the run received, not only those a scenario looked at. Written to
/// evidence/warnings.txt (a file of the result bundle) and printed. The calling number an SMS may name is taken from the
/// pushes to the same callee (the same facts as JSON); a system that does not push has every number in its SMS flagged
/// here, which is why the per-scenario checks, which know the caller, are the ones that give verdicts.
/// </summary>
[Binding]
public sealed class WarningRunHooks
{
    /// <summary>In the bundle's evidence folder, so the manifest lists and signs it with the scenarios' evidence.</summary>
    public const string FileName = "warnings.txt";

    [AfterTestRun(Order = 0)]
    public static void Report()
    {
        if (SuiteRun.Current is not { } run)
        {
            return;
        }

        var text = new StringBuilder();
        text.AppendLine(FlashSmsDelays.Distribution is { } flash
            ? $"flash SMS delay, INVITE sent to SMSC arrival (target 50 ms): {flash}"
            : "flash SMS delay: no flash SMS in this run");
        var messages = run.Smsc.Messages;
        var pushes = run.Push.Received;
        text.AppendLine($"warnings received: {messages.Count} SMS ({messages.Count(m => m.DataCoding == 0x18)} flash), {pushes.Count} push posts");
        foreach (var message in messages)
        {
            var callers = pushes.Where(p => p.Field("callee") is { } callee && Harness.ShortMessages.SubscriberNumbers.Same(callee, message.Destination))
                .Select(p => p.Field("caller") ?? string.Empty);
            foreach (var violation in WarningTextCheck.Check(message.Text, callers))
            {
                text.AppendLine($"warning-text violation in SMS to {message.Destination}: {violation} in \"{message.Text}\"");
            }
        }

        foreach (var push in pushes)
        {
            var body = push.Field("text") ?? push.Body;
            foreach (var violation in WarningTextCheck.Check(body, [push.Field("caller") ?? string.Empty]))
            {
                text.AppendLine($"warning-text violation in push for {push.Field("callee")}: {violation} in \"{body}\"");
            }
        }

        var evidence = Path.Combine(SuiteEnvironment.OutDirectory, "evidence");
        Directory.CreateDirectory(evidence);
        File.WriteAllText(Path.Combine(evidence, FileName), text.ToString());
        Console.WriteLine(text.ToString());
    }
}
