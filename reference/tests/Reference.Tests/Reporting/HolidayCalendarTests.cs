using Reference.Reporting;

namespace Reference.Tests.Reporting;

/// <summary>Working days and deadlines on the shipped zh-CN calendar of 2026, and on years it does not hold.</summary>
public sealed class HolidayCalendarTests
{
    private static readonly HolidayCalendar Shipped = new(HolidayCalendars.Read(null));

    private static DateTimeOffset Beijing(string local) => DateTimeOffset.Parse(local + "+08:00", System.Globalization.CultureInfo.InvariantCulture);

    [Test]
    public void TheShipped2026CalendarHoldsTheStateCouncilsHolidaysAndMakeUpDays()
    {
        var year = Shipped.Years[2026];
        Assert.Multiple(() =>
        {
            Assert.That(year.Holidays, Has.Count.EqualTo(33), "3 + 9 + 3 + 5 + 3 + 3 + 7 days off");
            Assert.That(year.Workdays.Select(d => d.Date.ToString("MM-dd", System.Globalization.CultureInfo.InvariantCulture)), Is.EqualTo(new[] { "01-04", "02-14", "02-28", "05-09", "09-20", "10-10" }));
            Assert.That(year.Workdays.All(d => d.Date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday), Is.True, "a make-up working day falls on a weekend");
        });
    }

    [TestCase("2026-10-01", false, TestName = "National Day is no working day")]
    [TestCase("2026-10-10", true, TestName = "The Saturday after National Day is a make-up working day")]
    [TestCase("2026-02-14", true, TestName = "The Saturday before the Spring Festival is a make-up working day")]
    [TestCase("2026-02-23", false, TestName = "The Monday that ends the Spring Festival is no working day")]
    [TestCase("2026-11-07", false, TestName = "An ordinary Saturday is no working day")]
    [TestCase("2026-11-09", true, TestName = "An ordinary Monday is a working day")]
    [TestCase("2027-10-01", true, TestName = "A weekday of a year the calendar does not hold is a working day")]
    public void WorkingDays(string day, bool working) =>
        Assert.That(Shipped.IsWorkingDay(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)), Is.EqualTo(working));

    [TestCase("2026-11-06T10:00:00", 3, "2026-11-12T00:00:00", TestName = "Received on a Friday: Monday, Tuesday, Wednesday; due at the end of Wednesday")]
    [TestCase("2026-09-30T10:00:00", 3, "2026-10-11T00:00:00", TestName = "Received before National Day: the 8th, the 9th and the make-up Saturday the 10th")]
    [TestCase("2026-09-30T10:00:00", 15, "2026-10-28T00:00:00", TestName = "Fifteen working days across National Day")]
    [TestCase("2026-02-13T09:00:00", 3, "2026-02-26T00:00:00", TestName = "Received before the Spring Festival: the make-up Saturday the 14th, then the 24th and the 25th")]
    [TestCase("2026-11-10T23:59:00", 1, "2026-11-12T00:00:00", TestName = "The day of receipt is the Beijing day: 23:59 Tuesday counts from Tuesday")]
    [TestCase("2026-11-11T00:01:00", 1, "2026-11-13T00:00:00", TestName = "00:01 Wednesday Beijing (Tuesday in UTC) counts from Wednesday")]
    public void Deadlines(string received, int days, string due) =>
        Assert.That(Shipped.Deadline(Beijing(received), days), Is.EqualTo(Beijing(due)));

    [Test]
    public void TheMutantsCountCalendarDaysOrIgnoreTheCalendar()
    {
        var received = Beijing("2026-09-30T10:00:00");
        Assert.Multiple(() =>
        {
            Assert.That(Shipped.Deadline(received, 3, everyDay: true), Is.EqualTo(Beijing("2026-10-04T00:00:00")));
            Assert.That(Shipped.Deadline(received, 3, useCalendar: false), Is.EqualTo(Beijing("2026-10-06T00:00:00")));
        });
    }

    [Test]
    public void ACalendarWithNoWorkingDayInSightIsRefusedNotSearchedForEver()
    {
        var allOff = Enumerable.Range(0, 365).Select(i => new CalendarDay(new DateOnly(2030, 1, 1).AddDays(i), "off")).ToList();
        var calendar = new HolidayCalendar(new Dictionary<int, CalendarYear>
        {
            [2030] = new(2030, "test", allOff, []),
            [2031] = new(2031, "test", Enumerable.Range(0, 365).Select(i => new CalendarDay(new DateOnly(2031, 1, 1).AddDays(i), "off")).ToList(), []),
            [2032] = new(2032, "test", Enumerable.Range(0, 366).Select(i => new CalendarDay(new DateOnly(2032, 1, 1).AddDays(i), "off")).ToList(), []),
            [2033] = new(2033, "test", Enumerable.Range(0, 365).Select(i => new CalendarDay(new DateOnly(2033, 1, 1).AddDays(i), "off")).ToList(), []),
        });
        Assert.Throws<InvalidOperationException>(() => calendar.Deadline(new DateTimeOffset(2030, 1, 2, 0, 0, 0, TimeSpan.Zero), 3));
    }
}
