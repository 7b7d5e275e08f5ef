using System.Globalization;
using Labelling;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Reference.Portal.Resources;

namespace Reference.Portal.Pages.Console;

/// <summary>Interceptions per rule for each of the last 24 hours, and how many numbers carry each label category (as last counted).</summary>
public sealed class ChartsModel(PortalRecords records, LabelCensus census, TimeProvider time, IStringLocalizer<PortalText> text) : PageModel
{
    private const int HoursShown = 24;
    private long[,] _counts = new long[0, 0];

    public bool Durable => records.Durable;

    public IReadOnlyList<string> Hours { get; private set; } = [];

    public IReadOnlyList<string> Rules { get; private set; } = [];

    public long TotalInterceptions { get; private set; }

    public IReadOnlyList<(string Label, long Value)> LabelRows { get; private set; } = [];

    /// <summary>When the labels were counted: the count is kept for a while, not made again for every view.</summary>
    public DateTimeOffset LabelsCountedAt { get; private set; }

    public long Count(int hour, int rule) => _counts[hour, rule];

    public long RuleTotal(int rule) => Enumerable.Range(0, Hours.Count).Sum(h => _counts[h, rule]);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var firstHour = new DateTimeOffset(now.UtcDateTime.Date.AddHours(now.UtcDateTime.Hour), TimeSpan.Zero).AddHours(1 - HoursShown);
        var rows = await records.InterceptionsPerRuleHourAsync(firstHour, firstHour.AddHours(HoursShown), cancellationToken);
        Hours = Enumerable.Range(0, HoursShown).Select(h => firstHour.AddHours(h).ToOffset(PortalTime.Beijing).ToString("HH", CultureInfo.InvariantCulture)).ToList();
        Rules = rows.Select(r => r.Rule).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        _counts = new long[HoursShown, Rules.Count];
        foreach (var (rule, hour, count) in rows)
        {
            var h = (int)(hour - firstHour).TotalHours;
            if (h is >= 0 and < HoursShown)
            {
                _counts[h, Rules.ToList().IndexOf(rule)] += count;
            }
        }

        TotalInterceptions = rows.Sum(r => r.Count);
        var labels = census.Current();
        LabelsCountedAt = labels.At;
        LabelRows = LabelCategories.All.Select(c => (text.Name(c), labels.Of(c))).ToList();
    }
}
