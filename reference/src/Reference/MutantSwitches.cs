using Reference.CallerAuthentication;
using Reference.LabelService;
using Reference.Warnings;
using Screening;

namespace Reference;

/// <summary>
/// Configuration key <c>Mutants</c>: one list of mutant names (reference/README.md, mutants), each handed to the
/// section whose decision it switches: rule ids and <see cref="RuleMutants"/> to <c>Screening:DisabledRules</c>,
/// labelling ones to <c>Labelling:DisabledRules</c>, warning ones to <c>Warnings:DisabledRules</c>, traceback ones to <c>CallRecords:DisabledRules</c>, reporting ones to <c>Reporting:DisabledRules</c>, resources ones to <c>Resources:DisabledRules</c>, portal ones to <c>Portal:DisabledRules</c>, and
/// <c>stir-CHECK</c> to <c>Stir:DisabledChecks</c> CHECK. A name no section knows stops the node at start.
/// </summary>
public static class MutantSwitches
{
    public const string Key = "Mutants";

    public static void Route(IConfigurationBuilder builder, IConfiguration configuration, IEnumerable<string> screeningRuleIds)
    {
        var names = configuration.GetSection(Key).Get<string[]>() ?? [];
        if (names.Length == 0)
        {
            return;
        }

        var rules = screeningRuleIds.Concat(RuleMutants.All).Append(Signalling.EdgeHygiene.Mutant).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var routed = new Dictionary<string, string?>();
        foreach (var name in names)
        {
            var (key, value) =
                rules.Contains(name) ? ("Screening:DisabledRules", name)
                : LabellingConfiguration.Mutants.Contains(name, StringComparer.OrdinalIgnoreCase) ? ("Labelling:DisabledRules", name)
                : WarningOptions.Mutants.Contains(name, StringComparer.OrdinalIgnoreCase) ? ("Warnings:DisabledRules", name)
                : Traceback.TracebackOptions.Mutants.Contains(name, StringComparer.OrdinalIgnoreCase) ? ("CallRecords:DisabledRules", name)
                : Reporting.ReportingOptions.Mutants.Contains(name, StringComparer.OrdinalIgnoreCase) ? ("Reporting:DisabledRules", name)
                : Resources.ResourceOptions.Mutants.Contains(name, StringComparer.OrdinalIgnoreCase) ? ("Resources:DisabledRules", name)
                : Portal.PortalOptions.Mutants.Contains(name, StringComparer.OrdinalIgnoreCase) ? ("Portal:DisabledRules", name)
                : name.StartsWith("stir-", StringComparison.OrdinalIgnoreCase) && StirOptions.Checks.Contains(name[5..], StringComparer.OrdinalIgnoreCase) ? ("Stir:DisabledChecks", name[5..])
                : throw new InvalidOperationException(
                    $"Configuration {Key} names '{name}', which no section knows; known: {string.Join(", ", rules.Concat(LabellingConfiguration.Mutants).Concat(WarningOptions.Mutants).Concat(Traceback.TracebackOptions.Mutants).Concat(Reporting.ReportingOptions.Mutants).Concat(Portal.PortalOptions.Mutants).Concat(Resources.ResourceOptions.Mutants).Concat(StirOptions.Checks.Select(c => "stir-" + c)))}.");
            var index = configuration.GetSection(key).GetChildren().Count() + routed.Keys.Count(k => k.StartsWith(key + ":", StringComparison.Ordinal));
            routed[$"{key}:{index}"] = value;
        }

        builder.AddInMemoryCollection(routed);
    }
}
