namespace Reference.Access;

/// <summary>
/// The reports a store keeps, as the rate limiter needs them after a restart: who reported when. The reports are the
/// record the per-reporter limit is counted from, so the limit holds across restarts without a counter of its own.
/// </summary>
public interface IReportHistory
{
    /// <summary>Reporter and time of every report kept since <paramref name="since"/> whose reporter starts with <paramref name="reporterPrefix"/>.</summary>
    IReadOnlyList<(string Reporter, DateTimeOffset At)> ReportsSince(DateTimeOffset since, string reporterPrefix);
}
