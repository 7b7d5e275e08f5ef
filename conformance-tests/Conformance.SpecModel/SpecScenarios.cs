using Gherkin;
using Gherkin.Ast;

namespace Conformance.SpecModel;

/// <summary>
/// Every runnable scenario under spec/features with its inherited tags, outlines expanded: placeholders in the title
/// filled in and values without a placeholder appended in brackets, as the hooks name a running example.
/// </summary>
public static class SpecScenarios
{
    public static IReadOnlyList<SpecScenario> Read(string featuresDirectory)
    {
        var scenarios = new List<SpecScenario>();
        if (!Directory.Exists(featuresDirectory))
        {
            return scenarios;
        }

        foreach (var file in Directory.GetFiles(featuresDirectory, "*.feature", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
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

            var feature = document.Feature;
            var featureTags = Names(feature.Tags);
            foreach (var child in feature.Children)
            {
                switch (child)
                {
                    case Scenario s:
                        Expand(feature.Name, s, featureTags, scenarios);
                        break;
                    case Rule r:
                        foreach (var s in r.Children.OfType<Scenario>())
                        {
                            Expand(feature.Name, s, [.. featureTags, .. Names(r.Tags)], scenarios);
                        }

                        break;
                }
            }
        }

        return scenarios;
    }

    public static string OutlineName(string title, IReadOnlyList<string> header, IReadOnlyList<string> values)
    {
        var name = title;
        var unplaced = new List<string>();
        for (var i = 0; i < header.Count && i < values.Count; i++)
        {
            var placeholder = $"<{header[i]}>";
            if (name.Contains(placeholder, StringComparison.Ordinal))
            {
                name = name.Replace(placeholder, values[i], StringComparison.Ordinal);
            }
            else
            {
                unplaced.Add(values[i]);
            }
        }

        return unplaced.Count == 0 ? name : $"{name} [{string.Join(", ", unplaced)}]";
    }

    private static void Expand(string feature, Scenario scenario, List<string> inherited, List<SpecScenario> into)
    {
        List<string> tags = [.. inherited, .. Names(scenario.Tags)];
        if (!scenario.Examples.Any())
        {
            into.Add(new SpecScenario(feature, scenario.Name, tags.Distinct().ToList()));
            return;
        }

        foreach (var examples in scenario.Examples.Where(e => e.TableHeader is not null))
        {
            var header = examples.TableHeader.Cells.Select(c => c.Value).ToList();
            var exampleTags = tags.Concat(Names(examples.Tags)).Distinct().ToList();
            into.AddRange(examples.TableBody.Select(row =>
                new SpecScenario(feature, OutlineName(scenario.Name, header, row.Cells.Select(c => c.Value).ToList()), exampleTags)));
        }
    }

    private static List<string> Names(IEnumerable<Tag> tags) => tags.Select(t => t.Name.TrimStart('@')).ToList();
}
