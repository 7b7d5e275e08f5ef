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
        database.Write(tx => result = Opening(tx, ticket, dedup, key, answer));
        return result;
    }

    /// <summary><see cref="Open"/>, awaited.</summary>
    public async Task<(Ticket Ticket, bool Duplicate)> OpenAsync(Ticket ticket, string? dedup, IdempotencyRecord? key, Func<Ticket, bool, string> answer)
    {
        (Ticket, bool) result = default;
        await database.WriteAsync(tx => result = Opening(tx, ticket, dedup, key, answer)).ConfigureAwait(false);
        return result;
    }

    private static (Ticket, bool) Opening(DbTransaction tx, Ticket ticket, string? dedup, IdempotencyRecord? key, Func<Ticket, bool, string> answer)
    {
        var inserted = SqlDatabase.ExecuteCount(tx,
            $"INSERT INTO tickets ({Columns}, dedup, due_at) VALUES (@id, @number, @category, @channel, @reporter, @text, @department, @state, @received, @forwardBy, NULL, NULL, NULL, NULL, NULL, NULL, @dedup, @forwardBy) ON CONFLICT (dedup) DO NOTHING",
            TicketValues(ticket, dedup));
        var result = inserted == 1 ? (ticket, false) : (ReadIn(tx, "dedup = @value", dedup!) ?? throw new StorageException($"ticket {ticket.Id} was neither written nor met an open one"), true);
        if (key is not null)
        {
            SqlDatabase.Execute(tx, "INSERT INTO ticket_idempotency (scope, idem_key, fingerprint, ticket_id, response, at) VALUES (@scope, @key, @fingerprint, @ticket, @response, @at) ON CONFLICT (scope, idem_key) DO NOTHING",
                ("scope", key.Scope), ("key", key.Key), ("fingerprint", key.Fingerprint), ("ticket", result.Item1.Id), ("response", answer(result.Item1, result.Item2)), ("at", Micro(key.At)));
        }

        return result;
    }

    /// <summary>
    /// Opens <paramref name="ticket"/> inside <paramref name="tx"/>, another write's transaction (the report's, see
    /// <see cref="SqlLabelJournal.Alongside"/>), or meets the open ticket of the same <paramref name="dedup"/>: what
    /// happened is in <paramref name="opening"/> once the transaction is committed. With <paramref name="keyed"/>, the
    /// answer to its idempotency key is kept in the same transaction: <c>Answer</c> is the answer were the ticket new.
    /// </summary>
    public void OpenIn(DbTransaction tx, Ticket ticket, string? dedup, TicketOpening opening, (IdempotencyRecord Key, string Answer)? keyed)
    {
        // A new ticket rides its batch's one round trip; only a repeat, which met an open ticket, reads it.
        SqlDatabase.ExecuteThen(tx,
            $"INSERT INTO tickets ({Columns}, dedup, due_at) VALUES (@id, @number, @category, @channel, @reporter, @text, @department, @state, @received, @forwardBy, NULL, NULL, NULL, NULL, NULL, NULL, @dedup, @forwardBy) ON CONFLICT (dedup) DO NOTHING",
            inserted => opening.Result = inserted == 1 ? (ticket, false) : (ReadIn(tx, "dedup = @value", dedup!) ?? throw new StorageException($"ticket {ticket.Id} was neither written nor met an open one"), true),
            TicketValues(ticket, dedup));
        if (keyed is not { } idempotent)
        {
            return;
        }

        // The key's answer rides the same round trip, so whether the ticket was new is not known when it is sent: the
        // statement reads it back from the row the insert above made or met (a later statement of one transaction sees
        // it), and writes the ticket's id and the duplicate flag into the answer, whose rest does not depend on them.
        var head = $"{{\"ticket\":\"{ticket.Id}\",\"duplicate\":false";
        if (!idempotent.Answer.StartsWith(head, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"the answer to keep for an idempotency key must start {head}, the ticket and whether it was a duplicate");
        }

        // The row is found by one unique index (the new ticket and an open one it met share the dedup value): a plan a
        // server prepares once stays an index lookup however the table grows (an OR of two indexes became a scan).
        SqlDatabase.Execute(tx, $$"""
            INSERT INTO ticket_idempotency (scope, idem_key, fingerprint, ticket_id, response, at)
            SELECT @scope, @key, @fingerprint, id, '{"ticket":"' || id || '","duplicate":' || (CASE WHEN id = @id THEN 'false' ELSE 'true' END) || @rest, @at
            FROM tickets WHERE {{(dedup is null ? "id = @id" : "dedup = @dedup")}}
            ON CONFLICT (scope, idem_key) DO NOTHING
            """,
            ("scope", idempotent.Key.Scope), ("key", idempotent.Key.Key), ("fingerprint", idempotent.Key.Fingerprint), ("id", ticket.Id), ("dedup", dedup),
            ("rest", idempotent.Answer[head.Length..]), ("at", Micro(idempotent.Key.At)));
    }

    private static (string Name, object? Value)[] TicketValues(Ticket ticket, string? dedup) =>
    [
        ("id", ticket.Id), ("number", ticket.Number), ("category", ticket.Category.Code()), ("channel", ticket.Channel), ("reporter", ticket.Reporter),
        ("text", ticket.Text), ("department", ticket.Department), ("state", ticket.State.Code()), ("received", Micro(ticket.ReceivedAt)),
        ("forwardBy", Micro(ticket.ForwardBy)), ("dedup", dedup),
    ];

    /// <summary>The answer kept for an idempotency key, if the key was used since <paramref name="since"/>.</summary>
    public IdempotencyRecord? Idempotent(string scope, string key, DateTimeOffset since) =>
        database.Reading("idempotency keys", () => database.Read(IdempotentSql, r => Idempotency(r, scope, key), ("scope", scope), ("key", key), ("since", Micro(since))).FirstOrDefault());

    /// <summary><see cref="Idempotent"/>, read without holding the thread, and on a server beside other requests' reads.</summary>
    public async Task<IdempotencyRecord?> IdempotentAsync(string scope, string key, DateTimeOffset since) =>
        (await database.ReadAsync("idempotency keys", IdempotentSql, r => Idempotency(r, scope, key), ("scope", scope), ("key", key), ("since", Micro(since))).ConfigureAwait(false))
        .FirstOrDefault();

    private const string IdempotentSql = "SELECT fingerprint, ticket_id, response, at FROM ticket_idempotency WHERE scope = @scope AND idem_key = @key AND at >= @since";

    private static IdempotencyRecord Idempotency(DbDataReader r, string scope, string key) =>
        new(scope, key, r.GetString(0), CallRecordWriter.At(r.GetInt64(3))) { TicketId = r.GetString(1), Response = r.GetString(2) };

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
