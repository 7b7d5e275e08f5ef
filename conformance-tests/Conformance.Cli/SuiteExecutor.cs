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
    /// <returns>
    /// What failed around the scenarios rather than in one: the run's set-up (the suite's peers, the adapter) or its
    /// tear-down. Empty when nothing did. Without it a run whose set-up threw would end with
    /// no scenario and no word of why.
    /// </returns>
    public static IReadOnlyList<SuiteTrouble> Run(ScenarioSelection selection, CancellationToken stop)
    {
        var assembly = typeof(SuiteRun).Assembly;
        var runner = new NUnitTestAssemblyRunner(new DefaultTestAssemblyBuilder());
        runner.Load(assembly, new Dictionary<string, object>
        {
            ["WorkDirectory"] = Path.GetDirectoryName(assembly.Location) ?? Directory.GetCurrentDirectory(),
        });
        using var stopping = stop.Register(() => runner.StopRun(force: false));
        var listener = new TroubleListener();
        if (!stop.IsCancellationRequested)
        {
            runner.Run(listener, selection.IsEverything ? TestFilter.Empty : TestFilter.FromXml(selection.ToNUnitFilterXml()));
        }

        return listener.Troubles;
    }

    /// <summary>
    /// Progress comes from the suite's own verdicts (SuiteRun.ScenarioRecorded), not from NUnit's view of test methods;
    /// NUnit's view is kept only for what no verdict carries: a suite-level set-up or tear-down that failed.
    /// </summary>
    private sealed class TroubleListener : ITestListener
    {
        private readonly List<SuiteTrouble> _troubles = [];

        public IReadOnlyList<SuiteTrouble> Troubles
        {
            get
            {
                lock (_troubles)
                {
                    return [.. _troubles];
                }
            }
        }

        public void TestStarted(ITest test)
        {
        }

        public void TestFinished(ITestResult result)
        {
            if (SuiteLevelTrouble(result) is { } trouble)
            {
                lock (_troubles)
                {
                    _troubles.Add(trouble);
                }
            }
        }

        public void TestOutput(TestOutput output)
        {
        }

        public void SendMessage(TestMessage message)
        {
        }
    }

    /// <summary>
    /// The failure of a suite whose own one-time set-up or tear-down failed (SpecFlow's BeforeTestRun and
    /// AfterTestRun run there); null for anything else, including the scenarios that failed because their parent did.
    /// </summary>
    internal static SuiteTrouble? SuiteLevelTrouble(ITestResult result)
    {
        if (!result.Test.IsSuite || result.ResultState.Status != TestStatus.Failed)
        {
            return null;
        }

        return result.ResultState.Site switch
        {
            FailureSite.SetUp => new SuiteTrouble(InSetUp: true, FirstLine(result.Message)),
            FailureSite.TearDown => new SuiteTrouble(InSetUp: false, FirstLine(result.Message)),
            _ => null,
        };
    }

    private static string FirstLine(string? message)
    {
        var text = (message ?? "no message").Trim();
        // NUnit's message is "ExceptionType : message"; its stack trace is kept apart, so the first line is all of it that a lab needs.
        var cut = text.IndexOf('\n', StringComparison.Ordinal);
        return (cut < 0 ? text : text[..cut]).TrimEnd('\r');
    }

    public static string SuiteVersion =>
        typeof(SuiteExecutor).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}

/// <summary>A suite-level set-up or tear-down that failed, with the first line of its message.</summary>
public sealed record SuiteTrouble(bool InSetUp, string Message)
{
    public override string ToString() => $"{(InSetUp ? "set-up" : "tear-down")} failed: {Message}";
}
