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
        foreach (var probe in await run.ProbeAsync(PicsCheck.ProformaPath))
        {
            foreach (var line in probe.Warnings.Prepend(probe.Note).OfType<string>())
            {
                TestContext.Progress.WriteLine("OPTIONS probe: " + line);
            }
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
