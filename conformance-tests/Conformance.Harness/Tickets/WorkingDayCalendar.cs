using System.Globalization;
using System.Text.Json;

namespace Conformance.Harness.Tickets;

/// <summary>
/// The suite's own reckoning of working-day deadlines (REP-DDL-001/002), from the holiday calendar the system answers:
/// Monday to Friday, less the listed public holidays, plus the listed make-up working days (调休上班). N working days
/// from an instant end at 24:00 Beijing time of the Nth working day after the Beijing day of that instant.
/// </summary>
public sealed class WorkingDayCalendar
{
    public static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    private readonly HashSet<DateOnly> _holidays = [];
    private readonly HashSet<DateOnly> _workdays = [];

    /// <summary>Adds one year as GET /v1/reporting/calendars/{year} answers it (HolidayCalendarYear).</summary>
    public void Add(JsonElement year)
    {
        Read(year, "holidays", _holidays);
        Read(year, "workdays", _workdays);
    }

    public bool IsWorkingDay(DateOnly day) =>
        !_holidays.Contains(day) && (_workdays.Contains(day) || day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday));

    public DateTimeOffset Deadline(DateTimeOffset from, int days)
    {
        var day = BeijingDay(from);
        for (var counted = 0; counted < days;)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day))
            {
                counted++;
            }
        }

        return EndOf(day);
    }

    public static DateOnly BeijingDay(DateTimeOffset at) => DateOnly.FromDateTime(at.ToOffset(Beijing).DateTime);

    /// <summary>24:00 Beijing time of <paramref name="day"/>, in UTC.</summary>
    public static DateTimeOffset EndOf(DateOnly day) => new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), Beijing).ToUniversalTime();

    private static void Read(JsonElement year, string field, HashSet<DateOnly> into)
    {
        if (!year.TryGetProperty(field, out var days) || days.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        foreach (var entry in days.EnumerateArray())
        {
            var text = entry.ValueKind == JsonValueKind.String ? entry.GetString()
                : entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("date", out var date) ? date.GetString()
                : null;
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                into.Add(day);
            }
        }
    }
}
