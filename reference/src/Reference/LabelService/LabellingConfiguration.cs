using System.Globalization;
using Labelling;

namespace Reference.LabelService;

/// <summary>
/// Reads <see cref="LabelParameters"/> from configuration section Labelling (Reporters, WindowDays,
/// MaxTextLength, AppealDeadlineDays). DisabledRules names mutants (<see cref="Mutants"/>), each existing only to
/// prove the suite notices a node with that fault: ["label-threshold"] makes one report enough.
/// </summary>
public static class LabellingConfiguration
{
    public const string ThresholdMutant = "label-threshold";

    /// <summary>Reports never leave the window: a label outlives it (LAB-THR-003).</summary>
    public const string WindowMutant = "label-window";

    /// <summary>Appeals are recorded, even cleared, but never clear the label (LAB-APL-001…004).</summary>
    public const string AppealsMutant = "appeals";

    /// <summary>Forwarded calls carry no label (LAB-SIG-001).</summary>
    public const string HeadersMutant = "label-headers";

    /// <summary>One-ring callers are not labelled by carrier analytics (LAB-SRC-001).</summary>
    public const string AnalyticsMutant = "one-ring-analytics";

    /// <summary>A reissued-number appeal with no allocation record is cleared on the appellant's word (LAB-APL-005).</summary>
    public const string ReissueOnWordMutant = "reissue-on-word";

    public static IReadOnlyList<string> Mutants { get; } = [ThresholdMutant, WindowMutant, AppealsMutant, HeadersMutant, AnalyticsMutant, ReissueOnWordMutant];

    /// <summary>The mutants switched on in section Labelling; empty in service.</summary>
    public static IReadOnlySet<string> Disabled(IConfiguration section)
    {
        var disabled = section.GetSection("DisabledRules").Get<string[]>() ?? [];
        var unknown = disabled.Where(r => !Mutants.Contains(r, StringComparer.OrdinalIgnoreCase)).ToArray();
        return unknown.Length > 0
            ? throw new InvalidOperationException($"Configuration Labelling:DisabledRules names {string.Join(", ", unknown)}; those known are {string.Join(", ", Mutants)}.")
            : new HashSet<string>(disabled, StringComparer.OrdinalIgnoreCase);
    }

    public static LabelParameters Read(IConfiguration section)
    {
        var d = LabelParameters.Defaults;
        var disabled = Disabled(section);
        var parameters = d with
        {
            Reporters = disabled.Contains(ThresholdMutant) ? 1 : Int(section, "Reporters", d.Reporters),
            Window = disabled.Contains(WindowMutant) ? TimeSpan.FromDays(36500) : Days(section, "WindowDays", d.Window),
            AppealsClearLabels = !disabled.Contains(AppealsMutant),
            ReissueOnWord = disabled.Contains(ReissueOnWordMutant),
            MaxTextLength = Int(section, "MaxTextLength", d.MaxTextLength),
            AppealDeadline = Days(section, "AppealDeadlineDays", d.AppealDeadline),
        };
        return parameters.Problem() is { } problem
            ? throw new InvalidOperationException($"Configuration Labelling: {problem}.")
            : parameters;
    }

    private static int Int(IConfiguration section, string key, int fallback) =>
        section[key] is not { } text ? fallback
        : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value
        : throw new InvalidOperationException($"Configuration Labelling:{key} is '{text}'; expected a whole number.");

    private static TimeSpan Days(IConfiguration section, string key, TimeSpan fallback) =>
        section[key] is not { } text ? fallback
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 ? TimeSpan.FromDays(value)
        : throw new InvalidOperationException($"Configuration Labelling:{key} is '{text}'; expected a positive number of days.");
}
