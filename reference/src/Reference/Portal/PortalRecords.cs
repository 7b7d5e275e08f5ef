using Labelling;
using Reference.Storage;

namespace Reference.Portal;

/// <summary>
/// What the console reads from the node's store, on a connection of its own: a number's reports and intercepted
/// calls, interceptions per rule per hour, and the numbers anything was said about (for labels per category). With
/// an in-memory store there is nothing to read: <see cref="Durable"/> is false and the console says so.
/// </summary>
public sealed class PortalRecords : IDisposable
{
    private const long MicrosecondsPerHour = 3_600_000_000;
    private const int MostNumbersCounted = 100_000;
    private readonly SqlDatabase? _database;
    private readonly IServiceProvider _services;

    public PortalRecords(IConfiguration configuration, IServiceProvider services)
    {
        _services = services;
        var storage = configuration.GetSection("Storage");
        var durable = storage["PostgreSql"] is { Length: > 0 } || storage["Sqlite"] != ":memory:";
        _database = durable ? DirectoryStores.Open(storage) : null;
    }

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
            "SELECT at, called, reason FROM call_records WHERE calling = @number AND decision = 'intercept' ORDER BY at DESC LIMIT 200",
            r => (CallRecordWriter.At(r.GetInt64(0)), r.GetString(1), r.GetString(2)),
            ("number", number)));
    }

    /// <summary>Intercepted calls per rule (the record's reason) and hour in [from, to).</summary>
    public async Task<IReadOnlyList<(string Rule, DateTimeOffset Hour, long Count)>> InterceptionsPerRuleHourAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        if (_database is null)
        {
            return [];
        }

        await CatchUpAsync(cancellationToken);
        return _database.Reading("call records", () => _database.Read(
            "SELECT reason, at / @hour AS h, COUNT(*) FROM call_records WHERE decision = 'intercept' AND at >= @from AND at < @to GROUP BY reason, at / @hour",
            r => (r.GetString(0), CallRecordWriter.At(r.GetInt64(1) * MicrosecondsPerHour), r.GetInt64(2)),
            ("hour", MicrosecondsPerHour), ("from", CallRecordWriter.Microseconds(from)), ("to", CallRecordWriter.Microseconds(to))));
    }

    /// <summary>The numbers reported, flagged or declared (at most <see cref="MostNumbersCounted"/>): those that may carry a label.</summary>
    public IReadOnlyList<string> NumbersOnRecord() =>
        _database is null ? [] : _database.Reading("labels", () => _database.Read(
            "SELECT number FROM label_reports UNION SELECT number FROM label_flags UNION SELECT number FROM label_declarations LIMIT @most",
            r => r.GetString(0), ("most", MostNumbersCounted)));

    public void Dispose() => _database?.Dispose();

    private async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        if (_services.GetService<CallRecordWriter>() is { } writer)
        {
            await writer.CaughtUpAsync(Traceback.CallRecordSearch.CatchUp, cancellationToken);
        }
    }
}
