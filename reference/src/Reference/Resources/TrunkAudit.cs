using Reference.Storage;
using Screening.Numbering;

namespace Reference.Resources;

/// <summary>
/// Audits a trunk against its allocations: every call record of the trunk in a window (the records traceback keeps)
/// whose calling number lay outside every block allocated to the trunk at the time of the call is a finding, the record
/// its evidence. Waits, as a traceback query does, until the records queued before it are written, so a call answered
/// before the audit is in it.
/// </summary>
public sealed class TrunkAudit(SqlDatabase database, CallRecordWriter writer, ResourceLedger ledger) : IDisposable
{
    public const int MaxCalls = 100_000;

    public async Task<IReadOnlyList<AuditFinding>> FindAsync(string trunk, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await writer.CaughtUpAsync(Traceback.CallRecordSearch.CatchUp, cancellationToken);
        if (!ledger.Options.Audits)
        {
            return [];
        }

        var blocks = ledger.BlocksOf(trunk);
        var calls = database.Reading("call records", () => database.Read(
            "SELECT c.at, c.calling, c.called, o.text, c.call_id, d.text, x.text FROM call_records c " +
            "LEFT JOIN call_record_codes o ON o.code = c.origid " +
            "JOIN call_record_codes d ON d.code = c.decision JOIN call_record_codes x ON x.code = c.reason " +
            "WHERE c.at >= @from AND c.at < @to AND c.trunk = @trunk ORDER BY c.at LIMIT @limit",
            r => new AuditFinding(CallRecordWriter.At(r.GetInt64(0)), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6)),
            ("@from", CallRecordWriter.Microseconds(from)), ("@to", CallRecordWriter.Microseconds(to)), ("@trunk", trunk), ("@limit", MaxCalls)));
        return calls.Where(call => !blocks.Any(b => b.InForceAt(call.At) && b.Covers(National(call.Calling)))).ToList();
    }

    public void Dispose() => database.Dispose();

    /// <summary>The calling number as allocations hold it (national form); one the plan cannot read stays as presented, and no block covers it.</summary>
    private static string National(string calling) => NumberingPlan.Check(calling) is { IsValid: true, National: { } national } ? national : calling;
}
