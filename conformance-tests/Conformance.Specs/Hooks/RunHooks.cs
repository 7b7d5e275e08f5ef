using Conformance.Specs.Support;
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
