using BoDi;
using Conformance.Fixtures;
using Conformance.Harness;
using Conformance.Harness.Adapters;
using Conformance.Harness.Management;
using Conformance.Reporting;
using Conformance.Specs.Support;
using NUnit.Framework;
using TechTalk.SpecFlow;

namespace Conformance.Specs.Hooks;

/// <summary>Per scenario: seed its data, honour the PICS, and turn the outcome into a verdict with its evidence.</summary>
[Binding]
public sealed class ScenarioHooks(ScenarioContext scenario, FeatureContext feature, ScenarioState state, IObjectContainer container)
{
    private readonly List<StepOutcome> _steps = [];
    private DateTimeOffset _stepStarted;

    [BeforeScenario(Order = 0)]
    public void Prepare()
    {
        var run = SuiteRun.Current ?? throw new InvalidOperationException("The suite run was not started.");
        container.RegisterInstanceAs(run);
        state.Started = DateTimeOffset.UtcNow;
        if (run.RerunOnly is { } rerun && !rerun.Contains(ScenarioKey.Of(feature.FeatureInfo.Title, ScenarioName())))
        {
            // Another scenario of a requirement being rerun: it passed before, and the CLI reports it skipped.
            state.HeldBack = true;
            Assert.Ignore("not rerun: it did not fail in the earlier run");
        }

        state.Numbers = new NumberFaker(ScenarioName(), SuiteEnvironment.RunSeed);
        NameEndpoints(run);
        ScenarioProgress.RaiseStarted(feature.FeatureInfo.Title, ScenarioName());

        var absent = Tags().Select(RequirementTag.PicsCode).OfType<string>()
            .Where(code => run.Target.Pics.TryGetValue(code, out var declared) && !declared)
            .ToList();
        if (absent.Count > 0)
        {
            state.NotApplicable = true;
            Assert.Ignore($"not applicable: the PICS declares {string.Join(", ", absent)} absent");
        }
    }

    [BeforeStep]
    public void StepStarting() => _stepStarted = DateTimeOffset.UtcNow;

    /// <summary>Each step's own result, so the Cucumber report shows which step failed rather than only the scenario.</summary>
    [AfterStep]
    public void StepFinished()
    {
        var step = scenario.StepContext;
        var status = step.Status switch
        {
            ScenarioExecutionStatus.OK => "passed",
            ScenarioExecutionStatus.StepDefinitionPending => "pending",
            ScenarioExecutionStatus.UndefinedStep => "undefined",
            ScenarioExecutionStatus.Skipped => "skipped",
            _ => "failed",
        };
        _steps.Add(new StepOutcome(step.StepInfo.StepDefinitionType.ToString(), step.StepInfo.Text, status,
            (DateTimeOffset.UtcNow - _stepStarted).TotalMilliseconds, status == "failed" ? scenario.TestError?.Message : null));
    }

    [AfterScenario]
    public void Record()
    {
        if (state.HeldBack)
        {
            return;
        }

        var error = scenario.TestError;
        // A refused Given (setup through the management API) says nothing about the requirement under test: the
        // scenario could not be judged. A refusal in a When or Then is the behaviour the requirement is about: failed.
        // An undefined or pending step is the suite's gap, not the system's fault: inconclusive, whatever SpecFlow
        // raised for it (specflow.json makes it fail the NUnit test so `dotnet test` cannot pass over it).
        var unfinished = scenario.ScenarioExecutionStatus is ScenarioExecutionStatus.UndefinedStep or ScenarioExecutionStatus.StepDefinitionPending;
        var setupRefused = error is ManagementException && _steps.LastOrDefault(s => s.Status == "failed")?.Keyword == "Given";
        var verdict = state.NotApplicable ? Verdict.NotApplicable : unfinished || setupRefused ? Verdict.Inconclusive : error switch
        {
            null when scenario.ScenarioExecutionStatus == ScenarioExecutionStatus.OK => Verdict.Passed,
            SutUnavailableException => Verdict.Inconclusive,
            null => Verdict.Inconclusive,
            _ => Verdict.Failed,
        };
        var message = state.NotApplicable ? "capability declared absent in the PICS"
            : setupRefused ? "the system refused the scenario's setup, so the requirement could not be judged: " + error!.Message
            : error?.Message ?? (verdict == Verdict.Passed ? null : scenario.ScenarioExecutionStatus.ToString());
        if (SuiteRun.Current is { } current)
        {
            // What reached the suite's callee is added last: it listens for every scenario, and keeps what came in order.
            foreach (var wire in current.Callee.WireSince(state.Started))
            {
                state.Evidence.RecordWire(wire);
            }
        }

        var packets = state.Evidence.Wire
            .Select(w => new CapturedPacket(w.At, w.Transport, w.Source.ToString(), w.Destination.ToString(), w.Bytes, w.Connection))
            .ToList();
        SuiteRun.Current?.Record(new ScenarioOutcome(
            feature.FeatureInfo.Title, ScenarioName(), Tags(), verdict, message, state.Started, DateTimeOffset.UtcNow, state.Evidence.Entries, _steps.ToList(), packets));
    }

    /// <summary>Every address the scenario may exchange messages with, named, so that its evidence says which realm a message went to.</summary>
    private void NameEndpoints(SuiteRun run)
    {
        state.Evidence.Name(run.Caller.LocalEndPoint, "suite caller");
        state.Evidence.Name(run.Callee.LocalEndPoint, "suite callee");
        if (run.Endpoints is { } endpoints)
        {
            foreach (var (realm, endpoint) in endpoints.Realms)
            {
                state.Evidence.Name(endpoint, $"{realm} realm");
            }

            foreach (var (realm, listed) in endpoints.EntryPoints)
            {
                for (var i = 1; i < listed.Count; i++)
                {
                    state.Evidence.Name(listed[i], $"{realm} realm, entry point {i + 1}");
                }
            }
        }
    }

    private string[] Tags() => feature.FeatureInfo.Tags.Concat(scenario.ScenarioInfo.Tags).Distinct().ToArray();

    /// <summary>Outline examples share a title; their values, put in place of the placeholders, make each name unique and each seed different.</summary>
    private string ScenarioName()
    {
        var info = scenario.ScenarioInfo;
        var name = info.Title;
        var unplaced = new List<string>();
        foreach (System.Collections.DictionaryEntry argument in info.Arguments)
        {
            var placeholder = $"<{argument.Key}>";
            if (name.Contains(placeholder, StringComparison.Ordinal))
            {
                name = name.Replace(placeholder, argument.Value?.ToString(), StringComparison.Ordinal);
            }
            else
            {
                unplaced.Add(argument.Value?.ToString() ?? string.Empty);
            }
        }

        return unplaced.Count == 0 ? name : $"{name} [{string.Join(", ", unplaced)}]";
    }
}
