using Conformance.Reporting;
using Conformance.SpecModel;

namespace Conformance.Cli;

/// <summary>
/// Which scenarios a run executes: --tags (any of them), --profile (requirements of that profile) and --rerun-failed
/// (the scenarios that failed or were inconclusive in an earlier bundle, by feature and name, outline examples one by
/// one), all of which must hold. RerunIds, the requirements of those scenarios, narrow NUnit's filter; the hooks then
/// hold back the other scenarios of those requirements.
/// </summary>
public sealed record ScenarioSelection(IReadOnlyList<string> Tags, IReadOnlyList<string>? ProfileIds, IReadOnlyList<string>? RerunIds)
{
    /// <summary>The scenarios to run again (<see cref="ScenarioKey"/>), with their feature and name; null unless --rerun-failed.</summary>
    public IReadOnlyList<(string Feature, string Scenario)>? RerunScenarios { get; init; }

    private IReadOnlySet<string>? RerunKeys => RerunScenarios?.Select(s => ScenarioKey.Of(s.Feature, s.Scenario)).ToHashSet(StringComparer.Ordinal);

    public bool IsEverything => Tags.Count == 0 && ProfileIds is null && RerunIds is null;

    public static ScenarioSelection From(RunOptions options, RequirementCatalogue catalogue)
    {
        IReadOnlyList<string>? profileIds = null;
        if (options.Profile is { } profile)
        {
            if (!RequirementCatalogue.Profiles.Contains(profile))
            {
                throw new ConfigurationException($"--profile {profile} is not a profile of the catalogue; use one of {string.Join(", ", RequirementCatalogue.Profiles)}.");
            }

            profileIds = catalogue.Requirements.Where(r => r.Profile == profile).Select(r => r.Id).ToList();
        }

        IReadOnlyList<string>? rerunIds = null;
        IReadOnlyList<(string Feature, string Scenario)>? rerunScenarios = null;
        if (options.RerunFailed is { } earlier)
        {
            var path = Path.Combine(earlier.FullName, ReportWriter.ReportFileName);
            if (!File.Exists(path))
            {
                throw new ConfigurationException($"--rerun-failed {earlier.FullName}: no {ReportWriter.ReportFileName} there; pass the folder of an earlier run (its --out).");
            }

            ConformanceReport report;
            try
            {
                report = ReportWriter.Read(path);
            }
            catch (System.Text.Json.JsonException)
            {
                throw new ConfigurationException($"--rerun-failed {path}: not a readable conformance report.");
            }

            var flagged = report.Requirements.Where(r => r.Verdict is Verdict.Failed or Verdict.Warning or Verdict.Inconclusive).ToList();
            // A flagged requirement's failed and inconclusive scenarios; all of its scenarios when none of them is (an
            // earlier report that only says the requirement was not met).
            rerunScenarios = flagged
                .SelectMany(r => r.Scenarios.Any(Unfinished) ? r.Scenarios.Where(Unfinished) : r.Scenarios)
                .Select(s => (s.Feature, s.Name))
                .Distinct()
                .ToList();
            rerunIds = flagged.Select(r => r.Id).ToList();
        }

        return new ScenarioSelection(options.Tags.Select(t => t.TrimStart('@')).ToList(), profileIds, rerunIds) { RerunScenarios = rerunScenarios };
    }

    private static bool Unfinished(ScenarioResult scenario) => scenario.Verdict is Verdict.Failed or Verdict.Warning or Verdict.Inconclusive;

    /// <summary>Whether a scenario of the spec is selected.</summary>
    public bool Includes(SpecScenario scenario)
    {
        var tags = scenario.Tags;
        return (Tags.Count == 0 || Tags.Any(tags.Contains))
            && (ProfileIds is null || ProfileIds.Any(tags.Contains))
            && (RerunIds is null || RerunIds.Any(tags.Contains))
            && (RerunKeys is not { } keys || keys.Contains(ScenarioKey.Of(scenario.Feature, scenario.Name)));
    }

    /// <summary>The same selection as an NUnit filter over categories (SpecFlow turns tags into categories).</summary>
    public string ToNUnitFilterXml()
    {
        var groups = new List<IReadOnlyList<string>>();
        if (Tags.Count > 0)
        {
            groups.Add(Tags);
        }

        if (ProfileIds is not null)
        {
            groups.Add(ProfileIds);
        }

        if (RerunIds is not null)
        {
            groups.Add(RerunIds);
        }

        static string AnyOf(IReadOnlyList<string> categories) => categories.Count == 0
            ? "<cat>no-such-category</cat>"
            : $"<or>{string.Concat(categories.Select(c => $"<cat>{System.Security.SecurityElement.Escape(c)}</cat>"))}</or>";

        return $"<filter><and>{string.Concat(groups.Select(AnyOf))}</and></filter>";
    }

    /// <summary>The selection in words, for a message that says what it matched.</summary>
    public string Phrase(string? profile, string? rerunOf) => string.Join("; ", new[]
    {
        Tags.Count > 0 ? "--tags " + string.Join(" ", Tags) : null,
        profile is null ? null : "--profile " + profile,
        rerunOf is null ? null : "--rerun-failed " + rerunOf,
    }.OfType<string>());

    public RunSelection Describe(string? profile, string? rerunOf) => new(Tags, profile, rerunOf);
}
