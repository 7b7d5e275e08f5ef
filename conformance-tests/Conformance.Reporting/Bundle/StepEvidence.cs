using System.Globalization;

namespace Conformance.Reporting.Bundle;

/// <summary>
/// Shares a scenario's evidence out among its steps by time: each entry goes to the step that was running when it was
/// recorded (entries carry their time of day to the microsecond; steps ran one after another from the scenario's start).
/// Entries before the first step go to the first, those after the last recorded step to the last.
/// </summary>
public static class StepEvidence
{
    public static IReadOnlyList<IReadOnlyList<string>> Split(ScenarioOutcome outcome, int stepCount)
    {
        var buckets = Enumerable.Range(0, Math.Max(stepCount, 1)).Select(_ => new List<string>()).ToList();
        var ends = new List<DateTimeOffset>();
        var end = outcome.Started;
        foreach (var step in outcome.Steps ?? [])
        {
            end += TimeSpan.FromMilliseconds(step.DurationMs);
            ends.Add(end);
        }

        foreach (var entry in outcome.Evidence)
        {
            var index = ends.Count == 0 || At(entry, outcome.Started) is not { } at
                ? 0
                : ends.FindIndex(e => at <= e) is var found and >= 0 ? found : ends.Count - 1;
            buckets[Math.Min(index, buckets.Count - 1)].Add(entry);
        }

        return buckets;
    }

    /// <summary>The moment an entry was recorded: its "HH:mm:ss.ffffff" prefix on the scenario's day (or the next, past midnight).</summary>
    public static DateTimeOffset? At(string entry, DateTimeOffset scenarioStarted)
    {
        var space = entry.IndexOf(' ', StringComparison.Ordinal);
        if (space < 0 || !TimeSpan.TryParseExact(entry[..space], [@"hh\:mm\:ss\.ffffff", @"hh\:mm\:ss\.fff"], CultureInfo.InvariantCulture, out var time))
        {
            return null;
        }

        var day = new DateTimeOffset(scenarioStarted.UtcDateTime.Date, TimeSpan.Zero);
        var at = day + time;
        // The scenario started just before midnight and the entry came after it.
        return at < scenarioStarted - TimeSpan.FromHours(12) ? at.AddDays(1) : at;
    }
}
