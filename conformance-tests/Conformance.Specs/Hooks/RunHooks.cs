using Conformance.Harness.Adapters;
using Conformance.Specs.Support;
using NUnit.Framework;
using TechTalk.SpecFlow;

namespace Conformance.Specs.Hooks;

[Binding]
public sealed class RunHooks
{
    [BeforeTestRun]
    public static async Task StartAsync()
    {
        var run = await SuiteRun.StartAsync();
        PicsCheck.Refuse(run.Target);
        var probes = await run.ProbeAsync(PicsCheck.ProformaPath);
        foreach (var probe in probes)
        {
            foreach (var line in probe.Warnings.Prepend(probe.Note).OfType<string>())
            {
                TestContext.Progress.WriteLine("OPTIONS probe: " + line);
            }
        }

        // Nothing there to test: stop before the first scenario rather than let each wait out its time-outs.
        if (await run.StopReasonAsync(probes) is { } stop)
        {
            throw new SutUnavailableException($"stopped before the first scenario: {stop}");
        }
    }

    [AfterTestRun]
    public static async Task StopAsync()
    {
        if (SuiteRun.Current is { } run)
        {
            await run.DisposeAsync();
        }
    }
}
