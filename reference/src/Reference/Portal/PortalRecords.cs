using Labelling;
using Reference.Storage;

namespace Reference.Portal;

/// <summary>
/// What the console reads from the node's store, on a connection of its own: a number's reports and intercepted
/// calls, interceptions per rule per hour, and open tickets against their deadlines. With
/// an in-memory store there is nothing to read: <see cref="Durable"/> is false and the console says so.
/// </summary>
public sealed class PortalRecords : IDisposable
{
    private const long MicrosecondsPerHour = 3_600_000_000;
    private readonly SqlDatabase? _database;
    private readonly IServiceProvider _services;

    public PortalRecords(IConfiguration configuration, IServiceProvider services)
    {
        _services = services;
        var storage = configuration.GetSection("Storage");
        _database = IsDurable(storage) ? DirectoryStores.Open(storage) : null;
    }

    /// <summary>Whether the node's store (configuration section Storage) outlives the node: PostgreSQL or a SQLite file.</summary>
    public static bool IsDurable(IConfiguration storage) => storage["PostgreSql"] is { Length: > 0 } || storage["Sqlite"] != ":memory:";

    public bool Durable => _database is not null;

    public IReadOnlyList<(LabelCategory Category, string Channel, DateTimeOffset At)> Reports(string number) =>
        _database is null ? [] : _database.Reading("reports", () => _database.Read(
            "SELECT category, channel, at FROM label_reports WHERE number = @number ORDER BY seq DESC LIMIT 200",
            r => (LabelCategories.TryParse(r.GetString(0), out var c) ? c : LabelCategory.Harassment, r.GetString(1), SqlDatabase.Instant(r.GetString(2))),
            ("number", number)));

    /// <summary>The number's intercepted calls as caller, newest first.</summary>
    public async Task<IReadOnlyList<(DateTimeOffset At, string Called, string Reason)>> InterceptionsAsync(string number, CancellationToken cancellationToken)
    {
        if (_database is null)
        {
            return [];
        }

        await CatchUpAsync(cancellationToken);
        return _database.Reading("call records", () => _database.Read(
            "SELECT c.at, c.called, x.text FROM call_records c JOIN call_record_codes x ON x.code = c.reason " +
            "WHERE c.calling = @number AND c.decision = (SELECT code FROM call_record_codes WHERE text = 'intercept') ORDER BY c.at DESC LIMIT 200",
            r => (CallRecordWriter.At(r.GetInt64(0)), r.GetString(1), r.GetString(2)),
            ("number", number)));
    }

    /// <summary>
    /// Intercepted calls per rule (the record's reason) and hour, for the hours that begin in [from, to): counted by the
    /// call-record writer as it stores the records (call_record_hours), so a day is read as a few hundred rows.
    /// </summary>
    public async Task<IReadOnlyList<(string Rule, DateTimeOffset Hour, long Count)>> InterceptionsPerRuleHourAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        if (_database is null)
        {
            return [];
        }

        await CatchUpAsync(cancellationToken);
        return _database.Reading("call records", () => _database.Read(
            "SELECT reason, hour, calls FROM call_record_hours WHERE hour >= @from AND hour < @to",
            r => (r.GetString(0), CallRecordWriter.At(r.GetInt64(1) * MicrosecondsPerHour), r.GetInt64(2)),
            ("from", FirstHourAtOrAfter(from)), ("to", FirstHourAtOrAfter(to))));
    }

    /// <summary>
    /// Open tickets per step they wait for, counted in the store (one aggregate query, whatever their number): due
    /// after <paramref name="soon"/>, due by then, and past their deadline at <paramref name="now"/>.
    /// </summary>
    public IReadOnlyList<TicketDeadlines> TicketDeadlines(DateTimeOffset now, DateTimeOffset soon) =>
        _database is null ? [] : _database.Reading("tickets", () => _database.Read(
            "SELECT state, SUM(CASE WHEN due_at > @soon THEN 1 ELSE 0 END), SUM(CASE WHEN due_at > @now AND due_at <= @soon THEN 1 ELSE 0 END), SUM(CASE WHEN due_at <= @now THEN 1 ELSE 0 END) "
            + "FROM tickets WHERE due_at IS NOT NULL AND state IN ('received', 'forwarded', 'answered') GROUP BY state",
            r => new TicketDeadlines(Reporting.TicketStates.Parse(r.GetString(0)), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3)),
            ("now", CallRecordWriter.Microseconds(now)), ("soon", CallRecordWriter.Microseconds(soon))));

    public void Dispose() => _database?.Dispose();

    private static long FirstHourAtOrAfter(DateTimeOffset at)
    {
        var hour = Math.DivRem(CallRecordWriter.Microseconds(at), MicrosecondsPerHour, out var rest);
        return rest > 0 ? hour + 1 : hour;
    }

    private async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        if (_services.GetService<CallRecordWriter>() is { } writer)
        {
            await writer.CaughtUpAsync(Traceback.CallRecordSearch.CatchUp, cancellationToken);
        }
    }
}
