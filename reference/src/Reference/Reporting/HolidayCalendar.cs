namespace Reference.Reporting;

/// <summary>
/// Which days are working days in mainland China (工作日): Monday to Friday, less the public holidays of the years
/// the calendar holds, plus their make-up working days (调休上班). A year the calendar does not hold has only
/// weekends off. Deadlines of N working days end at 24:00 Beijing time of the Nth working day after the day of the
/// event: the day itself does not count (Civil Code 2020 Art. 201).
/// </summary>
public sealed class HolidayCalendar(IReadOnlyDictionary<int, CalendarYear> years)
{
    public static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    /// <summary>Beyond this many days a calendar with no working day in sight is refused rather than searched for ever.</summary>
    public const int LongestSearch = 3 * 366;

    public IReadOnlyDictionary<int, CalendarYear> Years => years;

    public bool IsWorkingDay(DateOnly day, bool useCalendar = true)
    {
        if (useCalendar && years.TryGetValue(day.Year, out var year))
        {
            if (year.Holidays.Any(h => h.Date == day))
            {
                return false;
            }

            if (year.Workdays.Any(w => w.Date == day))
            {
                return true;
            }
        }

        return day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
    }

    /// <summary>
    /// The end of the <paramref name="days"/>th working day after the Beijing day of <paramref name="from"/> (24:00 of it,
    /// in UTC); <paramref name="everyDay"/> counts every calendar day instead (a mutant).
    /// </summary>
    public DateTimeOffset Deadline(DateTimeOffset from, int days, bool useCalendar = true, bool everyDay = false)
    {
        var day = DateOnly.FromDateTime(from.ToOffset(Beijing).DateTime);
        var counted = 0;
        for (var i = 0; i < LongestSearch; i++)
        {
            day = day.AddDays(1);
            if ((everyDay || IsWorkingDay(day, useCalendar)) && ++counted == days)
            {
                return new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), Beijing).ToUniversalTime();
            }
        }

        throw new InvalidOperationException($"the holiday calendar leaves fewer than {days} working days in the {LongestSearch} days after {from:O}");
    }
}
