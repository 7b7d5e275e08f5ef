using System.Globalization;

namespace Reference.Portal;

/// <summary>
/// Configuration section Portal: how many public forms (reports, appeals, sign-in attempts) one source address may
/// post per window (FormsPerAddress, WindowSeconds; default 30 an hour).
/// </summary>
public sealed record PortalOptions(int FormsPerAddress, TimeSpan Window)
{
    public static PortalOptions Defaults { get; } = new(30, TimeSpan.FromHours(1));

    public static PortalOptions From(IConfiguration section)
    {
        var options = new PortalOptions(
            Int(section, "FormsPerAddress", Defaults.FormsPerAddress),
            TimeSpan.FromSeconds(Int(section, "WindowSeconds", (int)Defaults.Window.TotalSeconds)));
        return options;
    }

    private static int Int(IConfiguration section, string key, int fallback) =>
        section[key] is not { } text ? fallback
        : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value is >= 1 and <= 10_000_000 ? value
        : throw new InvalidOperationException($"Configuration Portal:{key} is '{text}'; expected a whole number from 1 to 10000000.");
}
