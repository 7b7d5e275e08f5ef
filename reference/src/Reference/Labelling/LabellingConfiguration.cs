using System.Globalization;
using global::Labelling;

namespace Reference.Labelling;

/// <summary>
/// Reads <see cref="LabelParameters"/> from configuration section Labelling (Reporters, WindowDays,
/// MaxTextLength, AppealDeadlineDays). DisabledRules ["label-threshold"] makes one report enough: a mutant that
/// exists only to prove the suite notices a node without the threshold.
/// </summary>
public static class LabellingConfiguration
{
    public const string ThresholdMutant = "label-threshold";

    public static LabelParameters Read(IConfiguration section)
    {
        var d = LabelParameters.Defaults;
        var disabled = section.GetSection("DisabledRules").Get<string[]>() ?? [];
        var unknown = disabled.Where(r => !string.Equals(r, ThresholdMutant, StringComparison.OrdinalIgnoreCase)).ToArray();
        if (unknown.Length > 0)
        {
            throw new InvalidOperationException($"Configuration Labelling:DisabledRules names {string.Join(", ", unknown)}; the only one known is {ThresholdMutant}.");
        }

        var parameters = d with
        {
            Reporters = disabled.Length > 0 ? 1 : Int(section, "Reporters", d.Reporters),
            Window = Days(section, "WindowDays", d.Window),
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
