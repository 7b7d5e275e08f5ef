using Reference.Storage;

namespace Reference.Traceback;

/// <summary>
/// Deletes call records older than the retention (CallRecords:RetentionDays), reckoned on the node's clock (the test
/// clock in test mode): at start and then every <see cref="Every"/>, every record numbered before the first one at or
/// after the cut-off (<see cref="CallRecordSeq"/>), in slices of <see cref="Slice"/> records a
/// transaction so that a large backlog never holds the store for long. Queries never answer a record past the
/// retention even between sweeps (<see cref="CallRecordSearch"/>).
/// </summary>
public sealed class CallRecordRetention(SqlDatabase database, TimeProvider time, TracebackOptions options, ILogger<CallRecordRetention> logger) : BackgroundService
{
    public static readonly TimeSpan Every = TimeSpan.FromMinutes(1);

    public const int Slice = 10_000;

    /// <summary>Deletes every record older than the retention; returns how many.</summary>
    public long Sweep()
    {
        if (!options.Retains)
        {
            return 0;
        }

        var cutoff = CallRecordWriter.Microseconds(time.GetUtcNow() - options.Retention);
        var first = database.Reading("call records", () => CallRecordSeq.FirstAtOrAfter(database, cutoff));
        long deleted = 0;
        while (true)
        {
            var n = 0;
            // DELETE … LIMIT is not SQL both engines take; a sub-select of the oldest keys is. Both read it from the
            // primary key: the table has no index by time (CallRecordSeq).
            database.Write(tx => n = SqlDatabase.ExecuteCount(tx,
                "DELETE FROM call_records WHERE seq IN (SELECT seq FROM call_records WHERE seq < @first ORDER BY seq LIMIT @slice)",
                ("@first", first), ("@slice", Slice)));
            deleted += n;
            if (n < Slice)
            {
                // The chart's counts go with the records, an hour once the whole of it is past the retention.
                database.Write(tx => SqlDatabase.ExecuteCount(tx, "DELETE FROM call_record_hours WHERE hour < @hour",
                    ("@hour", cutoff / CallRecordHours.MicrosecondsPerHour)));
                return deleted;
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every);
        do
        {
            try
            {
                if (Sweep() is > 0 and var deleted)
                {
                    logger.LogInformation("Deleted {Count} call records past their retention of {Days} days", deleted, options.Retention.TotalDays);
                }
            }
            catch (StorageException ex)
            {
                logger.LogError(ex, "Call records past their retention were not deleted");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    public override void Dispose()
    {
        base.Dispose();
        database.Dispose();
    }
}
