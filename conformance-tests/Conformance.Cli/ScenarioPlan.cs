using Gherkin;
using Gherkin.Ast;

namespace Conformance.Cli;

/// <summary>How many features and scenarios (outline examples counted one by one) a selection will run, for the progress bars.</summary>
public sealed record ScenarioPlan(int Features, int Scenarios)
{
    public static ScenarioPlan Of(string featuresDirectory, ScenarioSelection selection)
    {
        var features = 0;
        var scenarios = 0;
        foreach (var file in Directory.Exists(featuresDirectory) ? Directory.GetFiles(featuresDirectory, "*.feature", SearchOption.AllDirectories) : [])
        {
            GherkinDocument document;
            try
            {
                document = new Parser().Parse(file);
            }
            catch (CompositeParserException)
            {
                continue;
            }

            var featureTags = Names(document.Feature.Tags);
            var count = document.Feature.Children.Sum(child => child switch
            {
                Scenario s => Count(s, featureTags, selection),
                Rule r => r.Children.OfType<Scenario>().Sum(s => Count(s, [.. featureTags, .. Names(r.Tags)], selection)),
                _ => 0,
            });
            features += count > 0 ? 1 : 0;
            scenarios += count;
        }

        return new ScenarioPlan(features, scenarios);
    }

    private static int Count(Scenario scenario, List<string> inherited, ScenarioSelection selection)
    {
        List<string> tags = [.. inherited, .. Names(scenario.Tags)];
        if (!scenario.Examples.Any())
        {
            return selection.Includes(tags) ? 1 : 0;
        }

        return scenario.Examples.Where(e => selection.Includes([.. tags, .. Names(e.Tags)])).Sum(e => e.TableBody.Count());
    }

    private static List<string> Names(IEnumerable<Tag> tags) => tags.Select(t => t.Name.TrimStart('@')).ToList();
}
