using System.Globalization;
using System.Text.Json;
using Reference.Provisioning;
using Reference.Storage;

namespace Reference.Reporting;

/// <summary>
/// The holiday calendar in force: the shipped zh-CN file (holidays-zh-CN.json, with 2026) or Reporting:CalendarFile,
/// overlaid by the years set through the API, which the store keeps (holiday_calendar_years, migration 7) so that they
/// outlive a restart. A replaced year counts for deadlines reckoned from then on; deadlines already set stay.
/// </summary>
public sealed class HolidayCalendars
{
    public const string ShippedResource = "holidays-zh-CN.json";

    private readonly SqlDatabase _database;
    private readonly Lock _lock = new();
    private volatile HolidayCalendar _current;

    public HolidayCalendars(SqlDatabase database, ReportingOptions options)
    {
        _database = database;
        var years = new Dictionary<int, CalendarYear>(Read(options.CalendarFile));
        foreach (var stored in database.Reading("holiday calendars", () => database.Read("SELECT year, document FROM holiday_calendar_years", r => (Year: Convert.ToInt32(r.GetValue(0), CultureInfo.InvariantCulture), Document: r.GetString(1)))))
        {
            years[stored.Year] = Parse(stored.Document, stored.Year, $"the store's calendar of {stored.Year}");
        }

        _current = new HolidayCalendar(years);
    }

    public HolidayCalendar Current => _current;

    /// <summary>Replaces one year: written to the store first, then in force.</summary>
    public void Replace(CalendarYear year)
    {
        var document = JsonSerializer.Serialize(year.ToJson());
        lock (_lock)
        {
            _database.Write(tx => SqlDatabase.Execute(tx, """
                INSERT INTO holiday_calendar_years (year, document, set_at) VALUES (@year, @document, @at)
                ON CONFLICT (year) DO UPDATE SET document = excluded.document, set_at = excluded.set_at
                """, ("year", year.Year), ("document", document), ("at", SqlDatabase.Text(DateTimeOffset.UtcNow))));
            _current = new HolidayCalendar(new Dictionary<int, CalendarYear>(_current.Years) { [year.Year] = year });
        }
    }

    /// <summary>The years of a calendar file: the shipped one when <paramref name="path"/> is null.</summary>
    public static IReadOnlyDictionary<int, CalendarYear> Read(string? path)
    {
        string text;
        if (path is null)
        {
            using var stream = typeof(HolidayCalendars).Assembly.GetManifestResourceStream(ShippedResource)
                ?? throw new InvalidOperationException($"The node was built without its {ShippedResource} resource.");
            using var reader = new StreamReader(stream);
            text = reader.ReadToEnd();
        }
        else
        {
            text = File.Exists(path) ? File.ReadAllText(path) : throw new InvalidOperationException($"Reporting:CalendarFile names {path}, which does not exist.");
        }

        var what = path ?? ShippedResource;
        using var document = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        if (!document.RootElement.TryGetProperty("years", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidOperationException($"{what} has no \"years\" array.");
        }

        var years = new Dictionary<int, CalendarYear>();
        foreach (var entry in list.EnumerateArray())
        {
            var year = entry.TryGetProperty("year", out var y) && y.TryGetInt32(out var n) && n is >= 1949 and <= 9999 ? n
                : throw new InvalidOperationException($"{what}: every year needs \"year\", a number from 1949 to 9999.");
            years[year] = Parse(entry.GetRawText(), year, $"{what}, year {year}");
        }

        return years;
    }

    private static CalendarYear Parse(string json, int year, string what)
    {
        var errors = new FieldErrors();
        using var document = JsonDocument.Parse(json);
        return CalendarYear.Parse(document.RootElement, year, errors)
            ?? throw new InvalidOperationException($"{what} is not a usable calendar: each day must be a date such as {year}-10-01 within {year}, listed as a holiday or a working day, not both.");
    }
}
