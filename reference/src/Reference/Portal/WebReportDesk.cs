using System.Collections.Concurrent;
using System.Security.Cryptography;
using Labelling;
using Reference.Storage;

namespace Reference.Portal;

/// <summary>
/// Keeps the reports filed on the web (table web_reports, schema version 11) in the node's store, written before the
/// visitor is shown the id; with an in-memory store they live as long as the node. Ids are random, so one visitor
/// cannot read another's report by counting.
/// </summary>
public sealed class WebReportDesk : IDisposable
{
    private const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    private readonly SqlDatabase? _database;
    private readonly ConcurrentDictionary<string, WebReport> _memory = new(StringComparer.Ordinal);

    public WebReportDesk(IConfiguration configuration)
    {
        var storage = configuration.GetSection("Storage");
        var durable = storage["PostgreSql"] is { Length: > 0 } || storage["Sqlite"] != ":memory:";
        _database = durable ? DirectoryStores.Open(storage) : null;
    }

    public static string NewId() => "WR-" + string.Concat(RandomNumberGenerator.GetBytes(10).Select(b => Alphabet[b % Alphabet.Length]));

    public WebReport File(string number, LabelCategory category, string text, DateTimeOffset now)
    {
        var report = new WebReport(NewId(), number, category, text, now, WebReport.Received);
        _database?.Write(tx => SqlDatabase.Execute(tx,
            "INSERT INTO web_reports (id, number, category, text, received_at, state) VALUES (@id, @number, @category, @text, @at, @state)",
            ("id", report.Id), ("number", number), ("category", category.Code()), ("text", text), ("at", SqlDatabase.Text(now)), ("state", report.State)));
        _memory[report.Id] = report;
        return report;
    }

    public WebReport? Find(string id)
    {
        if (_memory.TryGetValue(id, out var report) || _database is null)
        {
            return report;
        }

        return Query("WHERE id = @value", id).FirstOrDefault();
    }

    /// <summary>The web reports of a number, newest first.</summary>
    public IReadOnlyList<WebReport> OfNumber(string number) =>
        _database is null
            ? _memory.Values.Where(r => r.Number == number).OrderByDescending(r => r.ReceivedAt).ToList()
            : Query("WHERE number = @value ORDER BY received_at DESC LIMIT 200", number);

    public void Dispose() => _database?.Dispose();

    private List<WebReport> Query(string where, string value) => _database!.Reading("web reports", () => _database.Read(
        "SELECT id, number, category, text, received_at, state FROM web_reports " + where,
        r => new WebReport(r.GetString(0), r.GetString(1), LabelCategories.TryParse(r.GetString(2), out var c) ? c : LabelCategory.Harassment, r.GetString(3), SqlDatabase.Instant(r.GetString(4)), r.GetString(5)),
        ("value", value)));
}
