using System.Globalization;

namespace Reference.Access;

/// <summary>
/// How many reports a public reporter and a source address may submit per window (configuration section Api:Reports:
/// PerReporter, PerAddress, WindowSeconds). A carrier's own intake is not limited here: it answers for its subscribers.
/// </summary>
public sealed record ReportLimits(int PerReporter, int PerAddress, TimeSpan Window)
{
    public static ReportLimits Defaults { get; } = new(20, 100, TimeSpan.FromHours(1));

    public static ReportLimits From(IConfiguration section)
    {
        var limits = new ReportLimits(
            Int(section, "PerReporter", Defaults.PerReporter),
            Int(section, "PerAddress", Defaults.PerAddress),
            TimeSpan.FromSeconds(Int(section, "WindowSeconds", (int)Defaults.Window.TotalSeconds)));
        return limits.PerReporter < 1 || limits.PerAddress < 1 || limits.Window <= TimeSpan.Zero
            ? throw new InvalidOperationException("Configuration Api:Reports: PerReporter, PerAddress and WindowSeconds must each be 1 or more.")
            : limits;
    }

    private static int Int(IConfiguration section, string key, int fallback) =>
        section[key] is not { } text ? fallback
        : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value is >= 1 and <= 10_000_000 ? value
        : throw new InvalidOperationException($"Configuration Api:Reports:{key} is '{text}'; expected a whole number from 1 to 10000000.");
}
