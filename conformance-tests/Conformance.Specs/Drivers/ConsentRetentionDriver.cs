using Conformance.Specs.Support;

namespace Conformance.Specs.Drivers;

/// <summary>
/// Moves the test clock to either side of the end of a consent's retention (target file consentRetentionDays).
/// The end is reckoned from the clock's time just after the consent was recorded: one minute before it the consent
/// surely still counts, one second after it surely not.
/// </summary>
public sealed class ConsentRetentionDriver(SuiteRun run, ScenarioState state)
{
    private DateTimeOffset? _lapsesBy;

    public Task OneMinuteBeforeTheEndAsync() => MoveAsync(TimeSpan.FromMinutes(-1));

    public Task PastTheEndAsync() => MoveAsync(TimeSpan.FromSeconds(1));

    private async Task MoveAsync(TimeSpan fromTheEnd)
    {
        var api = run.RequireManagement();
        _lapsesBy ??= await api.ClockAsync(state.Evidence) + TimeSpan.FromDays(run.Target.Parameters.ConsentRetentionDays);
        await api.SetClockAsync(_lapsesBy.Value + fromTheEnd, state.Evidence);
    }
}
