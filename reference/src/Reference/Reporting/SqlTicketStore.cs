using System.Data.Common;
using Labelling;
using Reference.Storage;

namespace Reference.Reporting;

/// <summary>
/// Tickets and the answers kept for idempotency keys, in the node's store (<see cref="SchemaMigrations"/> version 7),
/// in SQL both SQLite and PostgreSQL take. A ticket's <c>dedup</c> column holds reporter and number while it is open
/// and is unique: a repeat of the report meets the open ticket inside the same transaction, on either engine.
/// Instants are microseconds since 1970 (UTC), so the overdue list compares numbers.
/// </summary>
public sealed class SqlTicketStore(SqlDatabase database)
{
    private const string Columns = "id, number, category, channel, reporter, text, department, state, received_at, forward_by, forwarded_at, answer_by, answered_at, answer, notify_by, notified_at";

    public string Description => database.Description;

    /// <summary>The store the tickets are in, for a write that keeps a ticket with other records.</summary>
    internal SqlDatabase Database => database;

    /// <summary>
    /// Opens <paramref name="ticket"/>, or meets the open ticket of the same <paramref name="dedup"/> (null: never);
    /// with an idempotency key, records the answer <paramref name="answer"/> gives in the same transaction.
    /// </summary>
    public (Ticket Ticket, bool Duplicate) Open(Ticket ticket, string? dedup, IdempotencyRecord? key, Func<Ticket, bool, string> answer)
    {
        (Ticket, bool) result = default;
        database.Write(tx =>
        {
            var inserted = SqlDatabase.ExecuteCount(tx,
                $"INSERT INTO tickets ({Columns}, dedup, due_at) VALUES (@id, @number, @category, @channel, @reporter, @text, @department, @state, @received, @forwardBy, NULL, NULL, NULL, NULL, NULL, NULL, @dedup, @forwardBy) ON CONFLICT (dedup) DO NOTHING",
                ("id", ticket.Id), ("number", ticket.Number), ("category", ticket.Category.Code()), ("channel", ticket.Channel), ("reporter", ticket.Reporter),
                ("text", ticket.Text), ("department", ticket.Department), ("state", ticket.State.Code()), ("received", Micro(ticket.ReceivedAt)),
                ("forwardBy", Micro(ticket.ForwardBy)), ("dedup", dedup));
            result = inserted == 1 ? (ticket, false) : (ReadIn(tx, "dedup = @value", dedup!) ?? throw new StorageException($"ticket {ticket.Id} was neither written nor met an open one"), true);
            if (key is not null)
            {
                SqlDatabase.Execute(tx, "INSERT INTO ticket_idempotency (scope, idem_key, fingerprint, ticket_id, response, at) VALUES (@scope, @key, @fingerprint, @ticket, @response, @at) ON CONFLICT (scope, idem_key) DO NOTHING",
                    ("scope", key.Scope), ("key", key.Key), ("fingerprint", key.Fingerprint), ("ticket", result.Item1.Id), ("response", answer(result.Item1, result.Item2)), ("at", Micro(key.At)));
            }
        });
        return result;
    }

    /// <summary>
    /// Opens <paramref name="ticket"/> inside <paramref name="tx"/>, another write's transaction (the report's, see
    /// <see cref="SqlLabelJournal.Alongside"/>), or meets the open ticket of the same <paramref name="dedup"/>: what
    /// happened is in <paramref name="opening"/> once the transaction is committed.
    /// </summary>
    public void OpenIn(DbTransaction tx, Ticket ticket, string? dedup, TicketOpening opening)
    {
        // A new ticket rides its batch's one round trip; only a repeat, which met an open ticket, reads it.
        SqlDatabase.ExecuteThen(tx,
            $"INSERT INTO tickets ({Columns}, dedup, due_at) VALUES (@id, @number, @category, @channel, @reporter, @text, @department, @state, @received, @forwardBy, NULL, NULL, NULL, NULL, NULL, NULL, @dedup, @forwardBy) ON CONFLICT (dedup) DO NOTHING",
            inserted => opening.Result = inserted == 1 ? (ticket, false) : (ReadIn(tx, "dedup = @value", dedup!) ?? throw new StorageException($"ticket {ticket.Id} was neither written nor met an open one"), true),
            ("id", ticket.Id), ("number", ticket.Number), ("category", ticket.Category.Code()), ("channel", ticket.Channel), ("reporter", ticket.Reporter),
            ("text", ticket.Text), ("department", ticket.Department), ("state", ticket.State.Code()), ("received", Micro(ticket.ReceivedAt)),
            ("forwardBy", Micro(ticket.ForwardBy)), ("dedup", dedup));
    }

    /// <summary>The answer kept for an idempotency key, if the key was used since <paramref name="since"/>.</summary>
    public IdempotencyRecord? Idempotent(string scope, string key, DateTimeOffset since) =>
        database.Reading("idempotency keys", () => database.Read(
            "SELECT fingerprint, ticket_id, response, at FROM ticket_idempotency WHERE scope = @scope AND idem_key = @key AND at >= @since",
            r => new IdempotencyRecord(scope, key, r.GetString(0), CallRecordWriter.At(r.GetInt64(3))) { TicketId = r.GetString(1), Response = r.GetString(2) },
            ("scope", scope), ("key", key), ("since", Micro(since))).FirstOrDefault());

    public Ticket? Find(string id) =>
        database.Reading("tickets", () => database.Read($"SELECT {Columns} FROM tickets WHERE id = @id", Map, ("id", id)).FirstOrDefault());

    /// <summary>Tickets, newest first: of one number, of one reporter, or both; at most <paramref name="limit"/>.</summary>
    public IReadOnlyList<Ticket> List(string? number, string? reporter, int limit)
    {
        var where = (number, reporter) switch
        {
            (not null, not null) => "WHERE number = @number AND reporter = @reporter",
            (not null, null) => "WHERE number = @number",
            (null, not null) => "WHERE reporter = @reporter",
            _ => string.Empty,
        };
        return database.Reading("tickets", () => database.Read($"SELECT {Columns} FROM tickets {where} ORDER BY received_at DESC, id LIMIT @limit", Map,
            ("number", number), ("reporter", reporter), ("limit", limit)));
    }

    /// <summary>Open tickets (of one number, or all) whose current step is due at or before <paramref name="now"/>, of the given states, soonest due first.</summary>
    public IReadOnlyList<Ticket> Overdue(DateTimeOffset now, string? number, IReadOnlyList<TicketState> states, int limit)
    {
        var inList = string.Join(", ", states.Select((_, i) => "@s" + i));
        var values = states.Select((s, i) => ("s" + i, (object?)s.Code())).Append(("now", Micro(now))).Append(("limit", limit)).Append(("number", number)).ToArray();
        var ofNumber = number is null ? string.Empty : " AND number = @number";
        return database.Reading("tickets", () => database.Read(
            $"SELECT {Columns} FROM tickets WHERE due_at IS NOT NULL AND due_at <= @now AND state IN ({inList}){ofNumber} ORDER BY due_at, id LIMIT @limit", Map, values));
    }

    /// <summary>Records a step if the ticket is still in <paramref name="from"/> (null: whatever its state); false when it was not.</summary>
    public bool Step(Ticket updated, TicketState? from)
    {
        var changed = 0;
        database.Write(tx => changed = SqlDatabase.ExecuteCount(tx,
            "UPDATE tickets SET state = @state, forwarded_at = @forwardedAt, answer_by = @answerBy, answered_at = @answeredAt, answer = @answer, notify_by = @notifyBy, notified_at = @notifiedAt, due_at = @due, " +
            "dedup = CASE WHEN @closed = 1 THEN NULL ELSE dedup END WHERE id = @id" + (from is null ? string.Empty : " AND state = @from"),
            ("state", updated.State.Code()), ("forwardedAt", Micro(updated.ForwardedAt)), ("answerBy", Micro(updated.AnswerBy)), ("answeredAt", Micro(updated.AnsweredAt)),
            ("answer", updated.Answer), ("notifyBy", Micro(updated.NotifyBy)), ("notifiedAt", Micro(updated.NotifiedAt)), ("due", Micro(updated.Due)),
            ("closed", updated.State == TicketState.Notified ? 1 : 0), ("id", updated.Id), ("from", from?.Code())));
        return changed == 1;
    }

    private static Ticket? ReadIn(DbTransaction tx, string where, string value)
    {
        using var command = tx.Connection!.CreateCommand();
        command.Transaction = tx;
        command.CommandText = $"SELECT {Columns} FROM tickets WHERE {where}";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "value";
        parameter.Value = value;
        command.Parameters.Add(parameter);
        using var reader = command.ExecuteReader();
        return reader.Read() ? Map(reader) : null;
    }

    private static Ticket Map(DbDataReader r) => new(
        r.GetString(0),
        r.GetString(1),
        LabelCategories.TryParse(r.GetString(2), out var category) ? category : throw new StorageException($"the store holds ticket category '{r.GetString(2)}', which this node does not know"),
        r.GetString(3),
        r.GetString(4),
        r.GetString(5),
        r.GetString(6),
        TicketStates.Parse(r.GetString(7)),
        CallRecordWriter.At(r.GetInt64(8)),
        CallRecordWriter.At(r.GetInt64(9)),
        At(r, 10),
        At(r, 11),
        At(r, 12),
        r.IsDBNull(13) ? null : r.GetString(13),
        At(r, 14),
        At(r, 15));

    private static DateTimeOffset? At(DbDataReader r, int column) => r.IsDBNull(column) ? null : CallRecordWriter.At(r.GetInt64(column));

    private static long Micro(DateTimeOffset at) => CallRecordWriter.Microseconds(at);

    private static long? Micro(DateTimeOffset? at) => at is { } value ? CallRecordWriter.Microseconds(value) : null;
}
