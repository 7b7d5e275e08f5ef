using System.Globalization;
using System.Text.Json;
using Reference.Provisioning;

namespace Reference.Reporting;

/// <summary>
/// One year of the holiday calendar: its public holidays and its make-up working days, each within the year and none
/// both. Read from the shipped file, Reporting:CalendarFile, the store, or a PUT /v1/reporting/calendars/{year} body.
/// </summary>
public sealed record CalendarYear(int Year, string Source, IReadOnlyList<CalendarDay> Holidays, IReadOnlyList<CalendarDay> Workdays)
{
    public const int MaxDays = 366;

    /// <summary>The year in <paramref name="json"/>, or null with every bad field named (prefixed by <paramref name="at"/>).</summary>
    public static CalendarYear? Parse(JsonElement json, int year, FieldErrors errors, string at = "")
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            errors.Add(at.Length == 0 ? "body" : at.TrimEnd('.'), "must be an object with holidays and workdays");
            return null;
        }

        var source = json.TryGetProperty("source", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString()! : string.Empty;
        if (source.Length > FieldErrors.MaxLength)
        {
            errors.Add(at + "source", $"is {source.Length} characters long; at most {FieldErrors.MaxLength} are accepted");
        }

        var holidays = Days(json, "holidays", year, errors, at);
        var workdays = Days(json, "workdays", year, errors, at);
        foreach (var both in holidays.Select(h => h.Date).Intersect(workdays.Select(w => w.Date)))
        {
            errors.Add(at + "workdays", $"{both:yyyy-MM-dd} is listed both as a holiday and as a working day");
        }

        return errors.Any ? null : new CalendarYear(year, source, holidays, workdays);
    }

    public object ToJson() => new
    {
        year = Year,
        source = Source,
        holidays = Holidays.Select(d => new { date = d.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), name = d.Name }),
        workdays = Workdays.Select(d => new { date = d.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), name = d.Name }),
    };

    private static List<CalendarDay> Days(JsonElement json, string field, int year, FieldErrors errors, string at)
    {
        var days = new List<CalendarDay>();
        if (!json.TryGetProperty(field, out var list))
        {
            return days;
        }

        if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() > MaxDays)
        {
            errors.Add(at + field, $"must be an array of at most {MaxDays} days, each {{\"date\": \"{year}-10-01\", \"name\": \"国庆节\"}}");
            return days;
        }

        var i = 0;
        foreach (var entry in list.EnumerateArray())
        {
            var name = $"{at}{field}[{i++}]";
            var text = entry.ValueKind == JsonValueKind.String ? entry.GetString()
                : entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("date", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString()
                : null;
            var label = entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : string.Empty;
            if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                errors.Add(name, $"'{text}' is not a date such as {year}-10-01");
            }
            else if (date.Year != year)
            {
                errors.Add(name, $"{text} is not in {year}");
            }
            else if (label.Length > FieldErrors.MaxLength)
            {
                errors.Add(name, $"its name is {label.Length} characters long; at most {FieldErrors.MaxLength} are accepted");
            }
            else if (days.All(x => x.Date != date))
            {
                days.Add(new CalendarDay(date, label));
            }
        }

        days.Sort((a, b) => a.Date.CompareTo(b.Date));
        return days;
    }
}
