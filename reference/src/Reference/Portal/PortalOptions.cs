using System.Globalization;

namespace Reference.Portal;

/// <summary>
/// Configuration section Portal: how many public forms (reports, appeals, sign-in attempts) one source address may
/// post per window (FormsPerAddress, WindowSeconds; default 30 an hour); lookups of a number and follows of an unknown id
/// count too. LabelCountSeconds (default 60) is how long a count of labels per category is kept for the charts. DisabledRules names mutants, each existing
/// only to prove the suite's WEB-… scenarios notice a portal with that fault.
/// </summary>
public sealed record PortalOptions(int FormsPerAddress, TimeSpan Window)
{
    /// <summary>Mutant: a followed report's text is written into the page as markup, not as text (WEB-RPT-002).</summary>
    public const string EscapeMutant = "portal-escape";

    /// <summary>Mutant: the follow page knows no id (WEB-RPT-001, WEB-APL-001).</summary>
    public const string FollowMutant = "portal-follow";

    /// <summary>Mutant: the lookup page shows no label for any number (WEB-LKP-001).</summary>
    public const string LookupMutant = "portal-lookup";

    public static IReadOnlyList<string> Mutants { get; } = [EscapeMutant, FollowMutant, LookupMutant];

    public static PortalOptions Defaults { get; } = new(30, TimeSpan.FromHours(1));

    public TimeSpan LabelCountsKeptFor { get; init; } = TimeSpan.FromMinutes(1);

    public IReadOnlySet<string> DisabledRules { get; init; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    public bool Escapes => !DisabledRules.Contains(EscapeMutant);

    public bool Follows => !DisabledRules.Contains(FollowMutant);

    public bool LooksUp => !DisabledRules.Contains(LookupMutant);

    public static PortalOptions From(IConfiguration section)
    {
        var disabled = section.GetSection("DisabledRules").Get<string[]>() ?? [];
        var unknown = disabled.Where(r => !Mutants.Contains(r, StringComparer.OrdinalIgnoreCase)).ToArray();
        if (unknown.Length > 0)
        {
            throw new InvalidOperationException($"Configuration Portal:DisabledRules names {string.Join(", ", unknown)}; those known are {string.Join(", ", Mutants)}.");
        }

        return new PortalOptions(
            Int(section, "FormsPerAddress", Defaults.FormsPerAddress),
            TimeSpan.FromSeconds(Int(section, "WindowSeconds", (int)Defaults.Window.TotalSeconds)))
        {
            DisabledRules = new HashSet<string>(disabled, StringComparer.OrdinalIgnoreCase),
            LabelCountsKeptFor = TimeSpan.FromSeconds(Int(section, "LabelCountSeconds", 60)),
        };
    }

    private static int Int(IConfiguration section, string key, int fallback) =>
        section[key] is not { } text ? fallback
        : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value is >= 1 and <= 10_000_000 ? value
        : throw new InvalidOperationException($"Configuration Portal:{key} is '{text}'; expected a whole number from 1 to 10000000.");
}
