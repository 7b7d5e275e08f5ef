using Conformance.Harness.Adapters;
using Conformance.Specs.Support;
using TechTalk.SpecFlow;

namespace Conformance.Specs.Hooks;

/// <summary>
/// An SMS warning scenario can only be judged once the system under test has bound to the suite's SMSC: a system that
/// dials its SMSC with back-off may not have reached it yet when the first such scenario starts (a run of the warning
/// profile alone), and a flash SMS it could not send for that reason says nothing of the requirement. The wait is
/// bounded; a system that never binds makes the scenario inconclusive with the address it should have dialled.
/// </summary>
[Binding]
public sealed class SmscBindHooks(SuiteRun run)
{
    /// <summary>Longer than an ESME's usual reconnect back-off, short enough that a system that never binds costs little.</summary>
    public static readonly TimeSpan BindWait = TimeSpan.FromSeconds(15);

    [BeforeScenario("pics:WARN-FLS", "pics:WARN-SMS", "pics:WARN-SMS-RCP", Order = 10)]
    public async Task WaitForBindAsync()
    {
        if (run.Endpoints is null || run.Smsc.OpenLinks > 0)
        {
            return;
        }

        var deadline = DateTimeOffset.UtcNow + BindWait;
        while (run.Smsc.OpenLinks == 0)
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new SutUnavailableException($"the system under test did not bind to the suite's SMSC at {run.Smsc.EndPoint} within {BindWait.TotalSeconds:0} s; configure it to send warning SMS there (target file $.peers.smsc)");
            }

            await Task.Delay(50);
        }
    }
}
