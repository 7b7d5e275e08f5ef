using Reference.Storage;

namespace Reference.Traceback;

/// <summary>
/// Answers traceback queries from the call_records table, on a connection of its own (a query never waits behind the
/// directory's writes). Each query first waits until the <see cref="CallRecordWriter"/> has written every record
/// queued before it (at most <see cref="CatchUp"/>): a call answered before the query is then found, though its
/// record was written after the answer. Records past the retention are never answered, even before the sweep
/// (<see cref="CallRecordRetention"/>) has deleted them. The trunk's enterprise comes from the trunks table: a trunk
/// keeps its enterprise for life (the API has no way to move it). A caller or callee is found in any form it was
/// presented in (<see cref="NumberForms"/>).
/// </summary>
public sealed class CallRecordSearch(SqlDatabase database, CallRecordWriter writer, TimeProvider time, TracebackOptions options) : IDisposable
{
    public static readonly TimeSpan CatchUp = TimeSpan.FromSeconds(2);

    private static readonly HashSet<string> Columns = new(StringComparer.Ordinal) { "called", "calling", "origid" };

    public async Task<IReadOnlyList<FoundCall>> FindAsync(TracebackQuery query, CancellationToken cancellationToken)
    {
        if (!Columns.Contains(query.Column))
        {
            throw new ArgumentException($"records are not searched by {query.Column}", nameof(query));
        }

        await writer.CaughtUpAsync(CatchUp, cancellationToken);
        var from = query.From;
        if (options.Retains && time.GetUtcNow() - options.Retention is var kept && kept > from)
        {
            from = kept;
        }

        if (from >= query.To)
        {
            return [];
        }

        // The column is one of three names above, never text from the request; the values are parameters. A number is
        // looked for in each form it may have been presented in, each form its own newest-first range of the (column, at)
        // index: an IN list would leave the planner free to walk the whole window by time instead.
        // An origid is stored as its code (migration 20): the query looks the code up, and an origid the store has never
        // coded matches nothing.
        IReadOnlyList<string> values = query.Column == "origid" ? [query.Value] : NumberForms.Of(query.Value);
        string Match(int i) => query.Column == "origid"
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"(SELECT code FROM call_record_codes WHERE text = @value{i})")
            : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"@value{i}");
        var parts = values.Select((_, i) => string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"SELECT * FROM (SELECT at, realm, trunk, calling, called, origid, call_id, decision, reason FROM call_records WHERE {query.Column} = {Match(i)} AND at >= @from AND at < @to ORDER BY at DESC LIMIT @limit) f{i}"));
        // The realm, origid, decision and reason are codes (migrations 19 and 20), read as their texts once the rows are chosen.
        var sql = "SELECT c.at, r.text, c.trunk, t.enterprise_id, c.calling, c.called, o.text, c.call_id, d.text, x.text " +
            $"FROM ({string.Join(" UNION ALL ", parts)}) c LEFT JOIN trunks t ON t.id = c.trunk " +
            "JOIN call_record_codes r ON r.code = c.realm LEFT JOIN call_record_codes o ON o.code = c.origid " +
            "JOIN call_record_codes d ON d.code = c.decision JOIN call_record_codes x ON x.code = c.reason " +
            "ORDER BY c.at DESC LIMIT @limit";
        (string, object?)[] parameters =
        [
            .. values.Select((v, i) => ("@value" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), (object?)v)),
            ("@from", CallRecordWriter.Microseconds(from)),
            ("@to", CallRecordWriter.Microseconds(query.To)),
            ("@limit", query.Limit),
        ];
        return database.Reading("call records", () => database.Read(sql, r => new FoundCall(
            CallRecordWriter.At(r.GetInt64(0)),
            r.GetString(1),
            r.IsDBNull(2) ? null : r.GetString(2),
            r.IsDBNull(3) ? null : r.GetString(3),
            r.GetString(4),
            r.GetString(5),
            r.IsDBNull(6) ? null : r.GetString(6),
            r.GetString(7),
            r.GetString(8),
            r.GetString(9)),
            parameters));
    }

    public void Dispose() => database.Dispose();
}
