using System.Reflection;
using Conformance.Specs.Support;
using NUnit.Framework.Api;
using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;

namespace Conformance.Cli;

/// <summary>
/// Runs the specification assembly in this process with NUnit's own runner, so the main job needs no
/// `dotnet test`, and reports each scenario as it finishes.
/// </summary>
public static class SuiteExecutor
{
    /// <param name="stop">Cancelled to stop the run: the scenario under way finishes, the others are not started.</param>
    public static void Run(ScenarioSelection selection, CancellationToken stop)
    {
        var assembly = typeof(SuiteRun).Assembly;
        var runner = new NUnitTestAssemblyRunner(new DefaultTestAssemblyBuilder());
        runner.Load(assembly, new Dictionary<string, object>
        {
            ["WorkDirectory"] = Path.GetDirectoryName(assembly.Location) ?? Directory.GetCurrentDirectory(),
        });
        using var stopping = stop.Register(() => runner.StopRun(force: false));
        if (!stop.IsCancellationRequested)
        {
            runner.Run(new SilentListener(), selection.IsEverything ? TestFilter.Empty : TestFilter.FromXml(selection.ToNUnitFilterXml()));
        }
    }

    /// <summary>Progress comes from the suite's own verdicts (SuiteRun.ScenarioRecorded), not from NUnit's view of test methods.</summary>
    private sealed class SilentListener : ITestListener
    {
        public void TestStarted(ITest test)
        {
        }

        public void TestFinished(ITestResult result)
        {
        }

        public void TestOutput(TestOutput output)
        {
        }

        public void SendMessage(TestMessage message)
        {
        }
    }

    public static string SuiteVersion =>
        typeof(SuiteExecutor).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}
