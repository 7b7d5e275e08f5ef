using System.Globalization;
using System.Text.Json;
using Screening;

namespace Reference.Provisioning;

/// <summary>
/// The screening parameters as the management API shows and takes them (GET/PUT /v1/parameters): groups oneRing,
/// bombing and marketing, windows in the unit their name says. A PUT may leave fields out; they keep their value.
/// </summary>
public static class ParametersJson
{
    /// <summary>Name under which the durable store keeps parameters set through the API.</summary>
    public const string SettingName = "screening-parameters";

    /// <summary>The largest count a rule takes: beyond it a limit no longer limits anything (a typo, or a rule switched off by stealth).</summary>
    public const int MaxCount = 10_000;

    private static readonly TimeSpan MaxWindow = TimeSpan.FromDays(3660);

    public static object View(ScreeningParameters p) => new
    {
        oneRing = new
        {
            ringSeconds = p.OneRingTime.TotalSeconds,
            callees = p.OneRingCallees,
            windowMinutes = p.OneRingWindow.TotalMinutes,
            maxAnswers = p.OneRingMaxAnswers,
            flagHours = p.OneRingFlagDuration.TotalHours,
        },
        bombing = new { limit = p.BombingLimit, windowSeconds = p.BombingWindow.TotalSeconds },
        marketing = new
        {
            shortLimit = p.MarketingShortLimit,
            shortWindowMinutes = p.MarketingShortWindow.TotalMinutes,
            dailyLimit = p.MarketingDailyLimit,
            dailyWindowMinutes = p.MarketingDailyWindow.TotalMinutes,
            callingHours = CallingHours(p),
            consentRetentionDays = p.ConsentRetention.TotalDays,
        },
    };

    public static string CallingHours(ScreeningParameters p) =>
        string.Create(CultureInfo.InvariantCulture, $"{(int)p.CallingHoursStart.TotalHours:00}:{p.CallingHoursStart.Minutes:00}-{(int)p.CallingHoursEnd.TotalHours:00}:{p.CallingHoursEnd.Minutes:00}");

    /// <summary>
    /// <paramref name="current"/> with the body's fields applied; every unusable field is named in
    /// <paramref name="errors"/> (and the result is then not to be used).
    /// </summary>
    public static ScreeningParameters Apply(JsonElement body, ScreeningParameters current, FieldErrors errors)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors.Add("body", "must be a JSON object with any of oneRing, bombing and marketing");
            return current;
        }

        var p = current;
        foreach (var group in body.EnumerateObject())
        {
            if (group.Value.ValueKind != JsonValueKind.Object || group.Name is not ("oneRing" or "bombing" or "marketing"))
            {
                errors.Add(group.Name, "is not a parameter group; use oneRing, bombing or marketing, each an object");
                continue;
            }

            foreach (var field in group.Value.EnumerateObject())
            {
                p = ApplyField(p, $"{group.Name}.{field.Name}", field.Value, errors);
            }
        }

        if (!errors.Any && p.Problem() is { } problem)
        {
            var colon = problem.IndexOf(':', StringComparison.Ordinal);
            errors.Add(problem[..colon], problem[(colon + 2)..]);
        }

        return p;
    }

    private static ScreeningParameters ApplyField(ScreeningParameters p, string name, JsonElement value, FieldErrors errors)
    {
        switch (name)
        {
            case "oneRing.ringSeconds": return Span(value, name, errors, 1) is { } a ? p with { OneRingTime = a } : p;
            case "oneRing.callees": return Count(value, name, errors, 1) is { } b ? p with { OneRingCallees = b } : p;
            case "oneRing.windowMinutes": return Span(value, name, errors, 60) is { } c ? p with { OneRingWindow = c } : p;
            case "oneRing.maxAnswers": return Count(value, name, errors, 0) is { } d ? p with { OneRingMaxAnswers = d } : p;
            case "oneRing.flagHours": return Span(value, name, errors, 3600) is { } e ? p with { OneRingFlagDuration = e } : p;
            case "bombing.limit": return Count(value, name, errors, 1) is { } f ? p with { BombingLimit = f } : p;
            case "bombing.windowSeconds": return Span(value, name, errors, 1) is { } g ? p with { BombingWindow = g } : p;
            case "marketing.shortLimit": return Count(value, name, errors, 1) is { } h ? p with { MarketingShortLimit = h } : p;
            case "marketing.shortWindowMinutes": return Span(value, name, errors, 60) is { } i ? p with { MarketingShortWindow = i } : p;
            case "marketing.dailyLimit": return Count(value, name, errors, 1) is { } j ? p with { MarketingDailyLimit = j } : p;
            case "marketing.dailyWindowMinutes": return Span(value, name, errors, 60) is { } k ? p with { MarketingDailyWindow = k } : p;
            case "marketing.consentRetentionDays": return Span(value, name, errors, 86400) is { } l ? p with { ConsentRetention = l } : p;
            case "marketing.callingHours":
                if (value.ValueKind == JsonValueKind.String && ParseHours(value.GetString()!) is { } hours)
                {
                    if (hours.Start < hours.End)
                    {
                        return p with { CallingHoursStart = hours.Start, CallingHoursEnd = hours.End };
                    }

                    errors.Add(name, $"'{value.GetString()}' starts at or after its end; calling hours are one span within a day, such as 08:00-21:00");
                    return p;
                }

                errors.Add(name, "must be a span of Beijing times \"HH:mm-HH:mm\", such as 08:00-21:00 (24:00 allowed as the end)");
                return p;
            default:
                errors.Add(name, "is not a known parameter; GET /v1/parameters lists them");
                return p;
        }
    }

    /// <summary>"08:00-21:00" as start and end times of day; null when it is not such a span.</summary>
    public static (TimeSpan Start, TimeSpan End)? ParseHours(string text)
    {
        var parts = text.Split('-', StringSplitOptions.TrimEntries);
        if (parts.Length != 2 || Time(parts[0]) is not { } start || (parts[1] == "24:00" ? TimeSpan.FromHours(24) : Time(parts[1])) is not { } end)
        {
            return null;
        }

        return (start, end);
    }

    private static TimeSpan? Time(string text) =>
        text.Length == 5 && TimeSpan.TryParseExact(text, "hh\\:mm", CultureInfo.InvariantCulture, out var t) ? t : null;

    private static int? Count(JsonElement value, string name, FieldErrors errors, int minimum)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) && n >= minimum && n <= MaxCount)
        {
            return n;
        }

        errors.Add(name, $"must be a whole number from {minimum} to {MaxCount}");
        return null;
    }

    /// <param name="secondsPerUnit">The unit the field's name says, in seconds: checked in that unit before any conversion, since 1e308 minutes is no TimeSpan at all.</param>
    private static TimeSpan? Span(JsonElement value, string name, FieldErrors errors, double secondsPerUnit)
    {
        // Windows above ten years are typos, not policy, and would overflow the counters' arithmetic on ticks.
        var most = MaxWindow.TotalSeconds / secondsPerUnit;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var n) && double.IsFinite(n) && n > 0 && n <= most)
        {
            return TimeSpan.FromSeconds(n * secondsPerUnit);
        }

        errors.Add(name, string.Create(CultureInfo.InvariantCulture, $"must be a number more than 0 and at most {most:0.##} (ten years)"));
        return null;
    }
}
