using Gherkin;
using Gherkin.Ast;

namespace Conformance.SpecModel;

/// <summary>
/// Checks that the catalogue and the features agree: every requirement tag names a catalogue id, every
/// scenario names at least one requirement and a capability, and every MUST has a scenario.
/// </summary>
public static class SpecConsistency
{
    public sealed record FeatureScenario(string File, int Line, string Name, IReadOnlyList<string> Tags);

    public static IReadOnlyList<FeatureScenario> ReadScenarios(string featuresDirectory)
    {
        var scenarios = new List<FeatureScenario>();
        foreach (var file in Directory.GetFiles(featuresDirectory, "*.feature", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var document = new Parser().Parse(file);
            var featureTags = document.Feature.Tags.Select(t => t.Name.TrimStart('@')).ToList();
            foreach (var child in document.Feature.Children)
            {
                switch (child)
                {
                    case Scenario scenario:
                        scenarios.Add(ToScenario(file, scenario, featureTags));
                        break;
                    case Rule rule:
                        var ruleTags = featureTags.Concat(rule.Tags.Select(t => t.Name.TrimStart('@'))).ToList();
                        scenarios.AddRange(rule.Children.OfType<Scenario>().Select(s => ToScenario(file, s, ruleTags)));
                        break;
                }
            }
        }

        return scenarios;
    }

    public static IReadOnlyList<string> Problems(RequirementCatalogue catalogue, IReadOnlyList<FeatureScenario> scenarios, string specRoot)
    {
        var problems = new List<string>();
        foreach (var scenario in scenarios)
        {
            var where = $"{Path.GetRelativePath(specRoot, scenario.File)}:{scenario.Line} \"{scenario.Name}\"";
            var ids = scenario.Tags.Where(RequirementTag.IsRequirementId).ToList();
            if (ids.Count == 0)
            {
                problems.Add($"{where} carries no requirement id tag; tag it with the id it proves (e.g. @INT-INTL-001).");
            }

            problems.AddRange(ids.Where(id => !catalogue.Contains(id))
                .Select(id => $"{where} is tagged @{id}, which spec/requirements.yaml does not define; add it there or fix the tag."));

            var pics = scenario.Tags.Select(RequirementTag.PicsCode).OfType<string>().ToList();
            if (pics.Count == 0)
            {
                problems.Add($"{where} carries no @pics: tag; tag it with the capability it needs.");
            }

            foreach (var id in ids.Where(catalogue.Contains))
            {
                if (!pics.Contains(catalogue[id].Pics))
                {
                    problems.Add($"{where} proves {id}, whose capability is {catalogue[id].Pics}, but is not tagged @pics:{catalogue[id].Pics}.");
                }
            }
        }

        var covered = scenarios.SelectMany(s => s.Tags).ToHashSet(StringComparer.Ordinal);
        problems.AddRange(catalogue.Requirements
            .Where(r => r.Level == RequirementLevel.Must && !covered.Contains(r.Id))
            .Select(r => $"MUST {r.Id} (\"{r.Title}\") has no scenario; add one tagged @{r.Id} under spec/features."));
        return problems;
    }

    private static FeatureScenario ToScenario(string file, Scenario scenario, IEnumerable<string> inherited) =>
        new(file, scenario.Location.Line, scenario.Name,
            inherited.Concat(scenario.Tags.Select(t => t.Name.TrimStart('@'))).Distinct().ToList());
}
