using System.Globalization;
using Conformance.Specs.Support;

namespace Conformance.Specs.Drivers;

/// <summary>Moves the SUT's test clock, only ever forward; scenarios that use it are tagged @clock.</summary>
public sealed class ClockDriver(SuiteRun run, ScenarioState state)
{
    public static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    /// <summary>Sets the clock to the next moment (after its current time) that is <paramref name="timeOfDay"/> in Beijing.</summary>
    public async Task SetBeijingTimeAsync(TimeSpan timeOfDay)
    {
        var api = run.RequireManagement();
        var now = (await api.ClockAsync(state.Evidence)).ToOffset(Beijing);
        var target = new DateTimeOffset(now.Date, Beijing) + timeOfDay;
        while (target <= now)
        {
            target = target.AddDays(1);
        }

        await api.SetClockAsync(target, state.Evidence);
    }

    public Task AdvanceAsync(TimeSpan by) => run.RequireManagement().AdvanceClockAsync(by, state.Evidence);

    public static TimeSpan ParseTimeOfDay(string text) => TimeSpan.ParseExact(text, "hh\\:mm", CultureInfo.InvariantCulture);
}
