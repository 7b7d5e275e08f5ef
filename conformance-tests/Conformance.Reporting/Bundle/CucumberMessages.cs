using Conformance.SpecModel;
using Gherkin;
using Ast = Gherkin.Ast;
using M = Io.Cucumber.Messages.Types;

namespace Conformance.Reporting.Bundle;

/// <summary>
/// Turns the features of the spec and the scenario outcomes of a run into Cucumber Messages: sources, Gherkin
/// documents and pickles for the scenarios that ran, then one test case each with its steps' results, so any
/// Cucumber tool (and the HTML formatter) can read the run.
/// </summary>
public sealed class CucumberMessages
{
    private readonly List<M.Envelope> _envelopes = [];
    private readonly Dictionary<string, ScenarioOutcome> _outcomes;
    private readonly List<(M.Pickle Pickle, ScenarioOutcome Outcome)> _ran = [];
    private int _nextId;

    private CucumberMessages(IReadOnlyList<ScenarioOutcome> outcomes)
    {
        _outcomes = new Dictionary<string, ScenarioOutcome>(StringComparer.Ordinal);
        foreach (var outcome in outcomes)
        {
            _outcomes.TryAdd(Key(outcome.Feature, outcome.Scenario), outcome);
        }
    }

    public static IReadOnlyList<M.Envelope> Build(string specDirectory, IReadOnlyList<ScenarioOutcome> outcomes, SuiteInfo suite, DateTimeOffset started, DateTimeOffset finished)
    {
        var builder = new CucumberMessages(outcomes);
        builder._envelopes.Add(M.Envelope.Create(new M.Meta(ProtocolVersion, new M.Product(suite.Name, suite.Version),
            new M.Product(".NET", Environment.Version.ToString()), new M.Product(Environment.OSVersion.Platform.ToString(), null),
            new M.Product(System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture.ToString(), null), null)));
        var features = Path.Combine(specDirectory, "features");
        if (Directory.Exists(features))
        {
            foreach (var file in Directory.GetFiles(features, "*.feature", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                builder.AddFeature(Path.GetRelativePath(specDirectory, file).Replace('\\', '/'), File.ReadAllText(file));
            }
        }

        builder.AddRun(started, finished);
        return builder._envelopes;
    }

    /// <summary>The messages protocol version is the version of the Cucumber.Messages library that defines the types.</summary>
    private static string ProtocolVersion => typeof(M.Envelope).Assembly.GetName().Version is { } v ? $"{v.Major}.{v.Minor}.{v.Build}" : "35.0.0";

    private static string Key(string feature, string scenario) => feature + "\u0000" + scenario;

    private string Id() => (_nextId++).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private void AddFeature(string uri, string text)
    {
        Ast.GherkinDocument document;
        try
        {
            document = new Parser().Parse(new StringReader(text));
        }
        catch (CompositeParserException)
        {
            return;
        }

        _envelopes.Add(M.Envelope.Create(new M.Source(uri, text, M.SourceMediaType.TEXT_X_CUCUMBER_GHERKIN_PLAIN)));
        var feature = document.Feature;
        var pickles = new List<M.Pickle>();
        var children = new List<M.FeatureChild>();
        var featureTags = Tags(feature.Tags);
        List<M.Step> featureBackground = [];
        foreach (var child in feature.Children)
        {
            switch (child)
            {
                case Ast.Background background:
                    featureBackground = Steps(background.Steps);
                    children.Add(new M.FeatureChild(null, new M.Background(Loc(background.Location), background.Keyword, background.Name, background.Description ?? string.Empty, featureBackground, Id()), null));
                    break;
                case Ast.Scenario scenario:
                    children.Add(new M.FeatureChild(null, null, ScenarioOf(uri, feature.Name, feature.Language, scenario, featureTags, featureBackground, pickles)));
                    break;
                case Ast.Rule rule:
                    var ruleTags = Tags(rule.Tags);
                    var ruleChildren = new List<M.RuleChild>();
                    List<M.Step> ruleBackground = featureBackground;
                    foreach (var ruleChild in rule.Children)
                    {
                        if (ruleChild is Ast.Background b)
                        {
                            var steps = Steps(b.Steps);
                            ruleBackground = [.. featureBackground, .. steps];
                            ruleChildren.Add(new M.RuleChild(new M.Background(Loc(b.Location), b.Keyword, b.Name, b.Description ?? string.Empty, steps, Id()), null));
                        }
                        else if (ruleChild is Ast.Scenario s)
                        {
                            ruleChildren.Add(new M.RuleChild(null, ScenarioOf(uri, feature.Name, feature.Language, s, [.. featureTags, .. ruleTags], ruleBackground, pickles)));
                        }
                    }

                    children.Add(new M.FeatureChild(new M.Rule(Loc(rule.Location), ruleTags, rule.Keyword, rule.Name, rule.Description ?? string.Empty, ruleChildren, Id()), null, null));
                    break;
            }
        }

        _envelopes.Add(M.Envelope.Create(new M.GherkinDocument(uri,
            new M.Feature(Loc(feature.Location), featureTags, feature.Language, feature.Keyword, feature.Name, feature.Description ?? string.Empty, children), [])));
        foreach (var pickle in pickles)
        {
            _envelopes.Add(M.Envelope.Create(pickle));
        }
    }

    private M.Scenario ScenarioOf(string uri, string featureName, string language, Ast.Scenario scenario, List<M.Tag> inheritedTags, List<M.Step> background, List<M.Pickle> pickles)
    {
        var steps = Steps(scenario.Steps);
        var tags = Tags(scenario.Tags);
        var examples = new List<M.Examples>();
        var message = new M.Scenario(Loc(scenario.Location), tags, scenario.Keyword, scenario.Name, scenario.Description ?? string.Empty, steps, examples, Id());
        if (!scenario.Examples.Any())
        {
            AddPickle(uri, featureName, language, scenario.Name, message.Id, null, [.. inheritedTags, .. tags], background, steps, new Dictionary<string, string>(), pickles);
            return message;
        }

        foreach (var example in scenario.Examples)
        {
            var exampleTags = Tags(example.Tags);
            var header = example.TableHeader is null ? null : Row(example.TableHeader);
            var body = example.TableBody.Select(Row).ToList();
            examples.Add(new M.Examples(Loc(example.Location), exampleTags, example.Keyword, example.Name ?? string.Empty, example.Description ?? string.Empty, header, body, Id()));
            if (header is null)
            {
                continue;
            }

            foreach (var row in body)
            {
                var values = new Dictionary<string, string>(StringComparer.Ordinal);
                for (var i = 0; i < header.Cells.Count && i < row.Cells.Count; i++)
                {
                    values[header.Cells[i].Value] = row.Cells[i].Value;
                }

                AddPickle(uri, featureName, language, OutlineName(scenario.Name, header, row), message.Id, row.Id,
                    [.. inheritedTags, .. tags, .. exampleTags], background, steps, values, pickles);
            }
        }

        return message;
    }

    private static string OutlineName(string title, M.TableRow header, M.TableRow row) =>
        SpecScenarios.OutlineName(title, header.Cells.Select(c => c.Value).ToList(), row.Cells.Select(c => c.Value).ToList());

    private void AddPickle(string uri, string featureName, string language, string name, string scenarioId, string? rowId, List<M.Tag> tags,
        List<M.Step> background, List<M.Step> steps, Dictionary<string, string> values, List<M.Pickle> pickles)
    {
        if (!_outcomes.TryGetValue(Key(featureName, name), out var outcome))
        {
            return;
        }

        var pickleSteps = new List<M.PickleStep>();
        var type = M.PickleStepType.UNKNOWN;
        foreach (var step in background.Concat(steps))
        {
            type = step.KeywordType switch
            {
                M.StepKeywordType.CONTEXT => M.PickleStepType.CONTEXT,
                M.StepKeywordType.ACTION => M.PickleStepType.ACTION,
                M.StepKeywordType.OUTCOME => M.PickleStepType.OUTCOME,
                _ => type,
            };
            var text = values.Aggregate(step.Text, (t, v) => t.Replace($"<{v.Key}>", v.Value, StringComparison.Ordinal));
            pickleSteps.Add(new M.PickleStep(null, rowId is null ? [step.Id] : [step.Id, rowId], Id(), type, text));
        }

        var astNodeIds = rowId is null ? new List<string> { scenarioId } : [scenarioId, rowId];
        var pickle = new M.Pickle(Id(), uri, null, name, language, pickleSteps,
            tags.Select(t => new M.PickleTag(t.Name, t.Id)).ToList(), astNodeIds);
        pickles.Add(pickle);
        _ran.Add((pickle, outcome));
    }

    private void AddRun(DateTimeOffset started, DateTimeOffset finished)
    {
        var runId = Id();
        _envelopes.Add(M.Envelope.Create(new M.TestRunStarted(Time(started), runId)));
        var cases = _ran.Select(r => (r.Pickle, r.Outcome, Case: new M.TestCase(Id(), r.Pickle.Id,
            r.Pickle.Steps.Select(s => new M.TestStep(null, Id(), s.Id, [], [])).ToList(), runId))).ToList();
        foreach (var c in cases)
        {
            _envelopes.Add(M.Envelope.Create(c.Case));
        }

        foreach (var (pickle, outcome, testCase) in cases)
        {
            var startedId = Id();
            _envelopes.Add(M.Envelope.Create(new M.TestCaseStarted(0, startedId, testCase.Id, null, Time(outcome.Started))));
            var evidence = StepEvidence.Split(outcome, testCase.TestSteps.Count);
            for (var i = 0; i < testCase.TestSteps.Count; i++)
            {
                var (status, duration, message) = StepResult(outcome, i);
                _envelopes.Add(M.Envelope.Create(new M.TestStepStarted(startedId, testCase.TestSteps[i].Id, Time(outcome.Started))));
                if (evidence[i].Count > 0)
                {
                    // The step's share of the evidence (SIP messages both ways, API exchanges), shown under it by report.html.
                    _envelopes.Add(M.Envelope.Create(new M.Attachment(
                        body: string.Join("\n\n", evidence[i]),
                        contentEncoding: M.AttachmentContentEncoding.IDENTITY,
                        fileName: "evidence.txt",
                        mediaType: "text/plain",
                        source: null,
                        testCaseStartedId: startedId,
                        testStepId: testCase.TestSteps[i].Id,
                        url: null,
                        testRunStartedId: null,
                        testRunHookStartedId: null,
                        timestamp: Time(outcome.Started))));
                }

                _envelopes.Add(M.Envelope.Create(new M.TestStepFinished(startedId, testCase.TestSteps[i].Id,
                    new M.TestStepResult(global::Cucumber.Messages.Converters.ToDuration(TimeSpan.FromMilliseconds(duration)), message, status, null), Time(outcome.Finished))));
            }

            _envelopes.Add(M.Envelope.Create(new M.TestCaseFinished(startedId, Time(outcome.Finished), false)));
        }

        var success = _ran.All(r => r.Outcome.Verdict is not (Verdict.Failed or Verdict.Inconclusive));
        _envelopes.Add(M.Envelope.Create(new M.TestRunFinished(null, success, Time(finished), null, runId)));
    }

    /// <summary>
    /// A step's own result when the hooks recorded it; otherwise steps after the last recorded one did not run.
    /// Without any step record (not applicable, or a suite that could not start), the first step carries the verdict.
    /// </summary>
    private static (M.TestStepResultStatus Status, double DurationMs, string? Message) StepResult(ScenarioOutcome outcome, int index)
    {
        if (outcome.Steps is { Count: > 0 } steps)
        {
            if (index >= steps.Count)
            {
                return (M.TestStepResultStatus.SKIPPED, 0, null);
            }

            var step = steps[index];
            return (step.Status switch
            {
                "passed" => M.TestStepResultStatus.PASSED,
                "failed" => M.TestStepResultStatus.FAILED,
                "pending" => M.TestStepResultStatus.PENDING,
                "undefined" => M.TestStepResultStatus.UNDEFINED,
                _ => M.TestStepResultStatus.SKIPPED,
            }, step.DurationMs, step.Error);
        }

        if (index > 0)
        {
            return (M.TestStepResultStatus.SKIPPED, 0, null);
        }

        return (outcome.Verdict switch
        {
            Verdict.Passed => M.TestStepResultStatus.PASSED,
            Verdict.Failed or Verdict.Warning or Verdict.Inconclusive => M.TestStepResultStatus.FAILED,
            _ => M.TestStepResultStatus.SKIPPED,
        }, (outcome.Finished - outcome.Started).TotalMilliseconds, outcome.Message);
    }

    private List<M.Step> Steps(IEnumerable<Ast.Step> steps)
    {
        var result = new List<M.Step>();
        var last = M.StepKeywordType.UNKNOWN;
        foreach (var step in steps)
        {
            var keyword = step.Keyword.Trim();
            last = keyword switch
            {
                "Given" or "假如" or "假设" or "假定" => M.StepKeywordType.CONTEXT,
                "When" or "当" => M.StepKeywordType.ACTION,
                "Then" or "那么" => M.StepKeywordType.OUTCOME,
                "And" or "But" or "而且" or "并且" or "同时" or "但是" => M.StepKeywordType.CONJUNCTION,
                _ => M.StepKeywordType.UNKNOWN,
            };
            result.Add(new M.Step(Loc(step.Location), step.Keyword, last, step.Text, null, null, Id()));
        }

        return result;
    }

    private M.TableRow Row(Ast.TableRow row) =>
        new(Loc(row.Location), row.Cells.Select(c => new M.TableCell(Loc(c.Location), c.Value)).ToList(), Id());

    private List<M.Tag> Tags(IEnumerable<Ast.Tag> tags) => tags.Select(t => new M.Tag(Loc(t.Location), t.Name, Id())).ToList();

    private static M.Location Loc(Ast.Location location) => new(location.Line, location.Column);

    private static M.Timestamp Time(DateTimeOffset at) => global::Cucumber.Messages.Converters.ToTimestamp(at.UtcDateTime);
}
