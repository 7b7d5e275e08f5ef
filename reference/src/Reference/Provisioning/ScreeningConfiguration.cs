using System.Globalization;
using Screening;

namespace Reference.Provisioning;

/// <summary>
/// Reads <see cref="ScreeningParameters"/> from configuration section Screening (OneRing, Bombing, Marketing);
/// absent keys keep the defaults of REQUIREMENTS.md, unusable values stop the node with the key to fix.
/// </summary>
public static class ScreeningConfiguration
{
    public static ScreeningParameters Read(IConfiguration screening)
    {
        var d = ScreeningParameters.Defaults;
        var parameters = d with
        {
            OneRingTime = Seconds(screening, "OneRing:RingSeconds", d.OneRingTime),
            OneRingCallees = Int(screening, "OneRing:Callees", d.OneRingCallees),
            OneRingWindow = Minutes(screening, "OneRing:WindowMinutes", d.OneRingWindow),
            OneRingMaxAnswers = Int(screening, "OneRing:MaxAnswers", d.OneRingMaxAnswers),
            BombingLimit = Int(screening, "Bombing:Limit", d.BombingLimit),
            BombingWindow = Seconds(screening, "Bombing:WindowSeconds", d.BombingWindow),
            MarketingShortLimit = Int(screening, "Marketing:ShortLimit", d.MarketingShortLimit),
            MarketingShortWindow = Minutes(screening, "Marketing:ShortWindowMinutes", d.MarketingShortWindow),
            MarketingDailyLimit = Int(screening, "Marketing:DailyLimit", d.MarketingDailyLimit),
            MarketingDailyWindow = Minutes(screening, "Marketing:DailyWindowMinutes", d.MarketingDailyWindow),
            ConsentRetention = Span(screening, "Marketing:ConsentRetentionDays", d.ConsentRetention, TimeSpan.FromDays),
        };
        if (screening["Marketing:CallingHours"] is { } hours)
        {
            var parts = hours.Split('-', StringSplitOptions.TrimEntries);
            if (parts.Length != 2
                || !TimeSpan.TryParseExact(parts[0], "hh\\:mm", CultureInfo.InvariantCulture, out var start)
                || !TimeSpan.TryParseExact(parts[1], "hh\\:mm", CultureInfo.InvariantCulture, out var end)
                && parts[1] != "24:00")
            {
                throw Bad("Marketing:CallingHours", hours, "a span of local times such as 08:00-21:00");
            }

            parameters = parameters with { CallingHoursStart = start, CallingHoursEnd = parts[1] == "24:00" ? TimeSpan.FromHours(24) : end };
        }

        if (parameters.Problem() is { } problem)
        {
            throw new InvalidOperationException($"Configuration Screening: {problem}.");
        }

        return parameters;
    }

    private static int Int(IConfiguration section, string key, int fallback) =>
        section[key] is not { } text ? fallback
        : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value
        : throw Bad(key, text, "a whole number");

    private static TimeSpan Seconds(IConfiguration section, string key, TimeSpan fallback) => Span(section, key, fallback, TimeSpan.FromSeconds);

    private static TimeSpan Minutes(IConfiguration section, string key, TimeSpan fallback) => Span(section, key, fallback, TimeSpan.FromMinutes);

    private static TimeSpan Span(IConfiguration section, string key, TimeSpan fallback, Func<double, TimeSpan> unit) =>
        section[key] is not { } text ? fallback
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 ? unit(value)
        : throw Bad(key, text, "a positive number");

    private static InvalidOperationException Bad(string key, string value, string expected) =>
        new($"Configuration Screening:{key} is '{value}'; expected {expected}.");
}
