using System.Data.Common;
using Labelling;
using Labelling.Appeals;

namespace Reference.Storage;

/// <summary>
/// The label book's and the appeal desk's records in the node's store (<see cref="SchemaMigrations"/> version 2):
/// every report as a row, the standing flag and declaration of each number, the last clear of each, and every appeal
/// as last decided, and the newest allocation record of each number (version 5). A clear deletes the number's flag and declaration in the same transaction as its appeal.
/// </summary>
public sealed class SqlLabelJournal(SqlDatabase database) : ILabelJournal
{
    public LabelRecords Load() => database.Reading("labels and appeals", () => new LabelRecords(
        database.Read("SELECT number, category, reporter, channel, text, at FROM label_reports ORDER BY seq", r =>
            new NumberReport(r.GetString(0), Category(r.GetString(1)), r.GetString(2), r.GetString(3), r.GetString(4), SqlDatabase.Instant(r.GetString(5)))),
        database.Read("SELECT number, category, at FROM label_flags", r =>
            (r.GetString(0), Category(r.GetString(1)), SqlDatabase.Instant(r.GetString(2)))),
        database.Read("SELECT number, category, enterprise, at FROM label_declarations", r =>
            (r.GetString(0), Category(r.GetString(1)), r.GetString(2), SqlDatabase.Instant(r.GetString(3)))),
        database.Read("SELECT number, at FROM label_clears", r => (r.GetString(0), SqlDatabase.Instant(r.GetString(1)))),
        database.Read("SELECT id, number, holder, reason, text, filed_at, decide_by, state, decided_at, why, escalated_at FROM appeals", r => new Appeal(
            r.GetString(0), r.GetString(1), r.GetString(2), Enum.Parse<AppealReason>(r.GetString(3)), r.GetString(4),
            SqlDatabase.Instant(r.GetString(5)), SqlDatabase.Instant(r.GetString(6)), Enum.Parse<AppealState>(r.GetString(7)),
            r.IsDBNull(8) ? null : SqlDatabase.Instant(r.GetString(8)), r.GetString(9), r.IsDBNull(10) ? null : SqlDatabase.Instant(r.GetString(10)))),
        database.Read("SELECT number, holder, since FROM allocations", r => new Allocation(r.GetString(0), r.GetString(1), SqlDatabase.Instant(r.GetString(2))))));

    /// <summary>The appeals of these ids as they stand (another node filed or decided them).</summary>
    public IReadOnlyList<Appeal> Appeals(IReadOnlyCollection<string> ids) => database.Reading("appeals", () => ids
        .SelectMany(id => database.Read("SELECT id, number, holder, reason, text, filed_at, decide_by, state, decided_at, why, escalated_at FROM appeals WHERE id = @id", r => new Appeal(
            r.GetString(0), r.GetString(1), r.GetString(2), Enum.Parse<AppealReason>(r.GetString(3)), r.GetString(4),
            SqlDatabase.Instant(r.GetString(5)), SqlDatabase.Instant(r.GetString(6)), Enum.Parse<AppealState>(r.GetString(7)),
            r.IsDBNull(8) ? null : SqlDatabase.Instant(r.GetString(8)), r.GetString(9), r.IsDBNull(10) ? null : SqlDatabase.Instant(r.GetString(10))), ("id", id)))
        .ToList());

    public void Allocated(Allocation allocation) => database.Write(tx =>
        SqlDatabase.Execute(tx, "INSERT INTO allocations (number, holder, since) VALUES (@number, @holder, @since) ON CONFLICT (number) DO UPDATE SET holder = excluded.holder, since = excluded.since",
            ("number", allocation.Number), ("holder", allocation.Holder), ("since", SqlDatabase.Text(allocation.Since))));

    private static readonly AsyncLocal<ReportAlongside?> Along = new();

    /// <summary>
    /// Until disposed, the next report this flow of control journals into <paramref name="database"/> is written in one
    /// transaction with <paramref name="work"/> (its ticket, and the answer kept for its idempotency key), which is told
    /// what the report comes to: the label book writes its journal itself, in the number's turn, and knows nothing of
    /// tickets. The flow is the caller's, followed across awaits; <see cref="ReportAlongside.Taken"/> says whether it was.
    /// </summary>
    public static ReportAlongside Alongside(SqlDatabase database, Action<DbTransaction, ReportResult?> work) =>
        Along.Value = new ReportAlongside(database, work, () => Along.Value = null);

    public void Reported(NumberReport report)
    {
        var also = Take();
        database.Write(tx =>
        {
            Insert(tx, report);
            also?.Invoke(tx, null);
        });
    }

    public ValueTask ReportedAsync(NumberReport report, ReportResult result)
    {
        var also = Take();
        return new ValueTask(database.WriteAsync(tx =>
        {
            Insert(tx, report);
            also?.Invoke(tx, result);
        }));
    }

    private Action<DbTransaction, ReportResult?>? Take()
    {
        if (Along.Value is { Taken: false } alongside && ReferenceEquals(alongside.Database, database))
        {
            alongside.Taken = true;
            return alongside.Work;
        }

        return null;
    }

    private static void Insert(DbTransaction tx, NumberReport report) =>
        SqlDatabase.Execute(tx, "INSERT INTO label_reports (number, category, reporter, channel, text, at) VALUES (@number, @category, @reporter, @channel, @text, @at)",
            ("number", report.Number), ("category", report.Category.Code()), ("reporter", report.Reporter), ("channel", report.Channel),
            ("text", report.Text), ("at", SqlDatabase.Text(report.At)));

    public void Flagged(string number, LabelCategory category, DateTimeOffset at) => database.Write(tx => Flag(tx, number, category, at));

    public ValueTask FlaggedAsync(string number, LabelCategory category, DateTimeOffset at) => new(database.WriteAsync(tx => Flag(tx, number, category, at)));

    private static void Flag(DbTransaction tx, string number, LabelCategory category, DateTimeOffset at) =>
        SqlDatabase.Execute(tx, "INSERT INTO label_flags (number, category, at) VALUES (@number, @category, @at) ON CONFLICT (number) DO NOTHING",
            ("number", number), ("category", category.Code()), ("at", SqlDatabase.Text(at)));

    public void Declared(IReadOnlyList<string> numbers, LabelCategory category, string enterprise, DateTimeOffset at) =>
        database.Write(tx => Declare(tx, numbers, category, enterprise, at));

    public ValueTask DeclaredAsync(IReadOnlyList<string> numbers, LabelCategory category, string enterprise, DateTimeOffset at) =>
        new(database.WriteAsync(tx => Declare(tx, numbers, category, enterprise, at)));

    private static void Declare(DbTransaction tx, IReadOnlyList<string> numbers, LabelCategory category, string enterprise, DateTimeOffset at)
    {
        foreach (var number in numbers)
        {
            SqlDatabase.Execute(tx, """
                INSERT INTO label_declarations (number, category, enterprise, at) VALUES (@number, @category, @enterprise, @at)
                ON CONFLICT (number) DO UPDATE SET category = excluded.category, enterprise = excluded.enterprise, at = excluded.at
                """,
                ("number", number), ("category", category.Code()), ("enterprise", enterprise), ("at", SqlDatabase.Text(at)));
        }
    }

    public void Appealed(Appeal appeal, bool clearsLabel) => database.Write(tx => KeepAppeal(tx, appeal, clearsLabel));

    public ValueTask AppealedAsync(Appeal appeal, bool clearsLabel) => new(database.WriteAsync(tx => KeepAppeal(tx, appeal, clearsLabel)));

    private static void KeepAppeal(DbTransaction tx, Appeal appeal, bool clearsLabel)
    {
        if (clearsLabel)
        {
            Clear(tx, appeal.Number, appeal.DecidedAt ?? appeal.FiledAt);
        }

        SqlDatabase.Execute(tx, """
            INSERT INTO appeals (id, number, holder, reason, text, filed_at, decide_by, state, decided_at, why, escalated_at)
            VALUES (@id, @number, @holder, @reason, @text, @filed, @decideBy, @state, @decided, @why, @escalated)
            ON CONFLICT (id) DO UPDATE SET state = excluded.state, decided_at = excluded.decided_at, why = excluded.why, escalated_at = excluded.escalated_at
            """,
            ("id", appeal.Id), ("number", appeal.Number), ("holder", appeal.Holder), ("reason", appeal.Reason.ToString()), ("text", appeal.Text),
            ("filed", SqlDatabase.Text(appeal.FiledAt)), ("decideBy", SqlDatabase.Text(appeal.DecideBy)), ("state", appeal.State.ToString()),
            ("decided", appeal.DecidedAt is { } decided ? SqlDatabase.Text(decided) : null), ("why", appeal.Why),
            ("escalated", appeal.EscalatedAt is { } escalated ? SqlDatabase.Text(escalated) : null));
    }

    private static void Clear(DbTransaction tx, string number, DateTimeOffset at)
    {
        SqlDatabase.Execute(tx, "DELETE FROM label_flags WHERE number = @number", ("number", number));
        SqlDatabase.Execute(tx, "DELETE FROM label_declarations WHERE number = @number", ("number", number));
        SqlDatabase.Execute(tx, "INSERT INTO label_clears (number, at) VALUES (@number, @at) ON CONFLICT (number) DO UPDATE SET at = excluded.at",
            ("number", number), ("at", SqlDatabase.Text(at)));
    }

    private static LabelCategory Category(string code) =>
        LabelCategories.TryParse(code, out var category) ? category : throw new StorageException($"the store holds label category '{code}', which this node does not know");
}
