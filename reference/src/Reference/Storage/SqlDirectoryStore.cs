using System.Data.Common;
using System.Globalization;
using Labelling;
using Screening;
using Screening.Directory;

namespace Reference.Storage;

/// <summary>
/// The durable store over one <see cref="SqlDatabase"/>, in SQL that SQLite and PostgreSQL both accept
/// (INSERT … ON CONFLICT). Every write is one transaction: all of a request or none.
/// </summary>
public sealed class SqlDirectoryStore : IDirectoryStore, Access.IReportHistory
{
    /// <param name="rowsPerInsert">Numbers per INSERT of a list: 1 for an embedded engine, many for a server reached over the network.</param>
    /// <param name="autoId">How the engine spells an auto-numbered 64-bit primary key.</param>
    public SqlDirectoryStore(DbConnection connection, string description, IEnumerable<string>? setUp = null, int rowsPerInsert = 1, string autoId = "INTEGER PRIMARY KEY")
        : this(new SqlDatabase(connection, description, setUp, rowsPerInsert, autoId))
    {
    }

    public SqlDirectoryStore(SqlDatabase database)
    {
        Database = database;
        Labels = new SqlLabelJournal(database);
    }

    public SqlDatabase Database { get; }

    public string Description => Database.Description;

    public ILabelJournal Labels { get; }

    public DirectorySnapshot Load() => Database.Reading("provisioned data", () =>
    {
        var enterprises = Database.Read("SELECT id, name, sector FROM enterprises", r =>
            new Enterprise(r.GetString(0), r.GetString(1), Sectors.TryParse(r.GetString(2), out var s) ? s : Sector.Other));
        var trunks = Database.Read("SELECT id, enterprise_id, realm, source FROM trunks", r =>
            new TrunkRecord(r.GetString(0), r.GetString(1), Enum.Parse<Realm>(r.GetString(2), ignoreCase: true), r.IsDBNull(3) ? null : r.GetString(3)));
        var ranges = Database.Read("SELECT first_number, last_number, enterprise_id, inbound_only FROM ranges", r =>
            new AllocatedRange(r.GetString(0), r.GetString(1), r.GetString(2), Convert.ToInt64(r.GetValue(3), CultureInfo.InvariantCulture) != 0));
        var consents = Database.Read("SELECT enterprise_id, callee, evidence, recorded_at, keep_until FROM consents", r =>
            new Consent(r.GetString(0), r.GetString(1), r.GetString(2), SqlDatabase.Instant(r.GetString(3)), SqlDatabase.Instant(r.GetString(4))));
        var refusals = Database.Read("SELECT enterprise_id, callee FROM refusals", r => (r.GetString(0), r.GetString(1)));
        var roaming = Database.Read("SELECT number FROM roaming", r => r.GetString(0));
        var doNotOriginate = Database.Read("SELECT number FROM do_not_originate", r => r.GetString(0));
        var settings = Database.Read("SELECT name, value FROM settings", r => (Name: r.GetString(0), Value: r.GetString(1)))
            .ToDictionary(s => s.Name, s => s.Value, StringComparer.Ordinal);
        return new DirectorySnapshot(enterprises, trunks, ranges, consents, refusals, roaming, doNotOriginate, settings);
    });

    public void AddEnterprise(Enterprise enterprise) => Database.Write(EnterpriseAdded(enterprise));

    public Task AddEnterpriseAsync(Enterprise enterprise) => Database.WriteAsync(EnterpriseAdded(enterprise));

    public void AddTrunk(TrunkRecord trunk, IReadOnlyList<AllocatedRange> ranges) => Database.Write(TrunkAdded(trunk, ranges));

    public Task AddTrunkAsync(TrunkRecord trunk, IReadOnlyList<AllocatedRange> ranges) => Database.WriteAsync(TrunkAdded(trunk, ranges));

    public void SaveConsent(Consent consent) => Database.Write(ConsentSaved(consent));

    public Task SaveConsentAsync(Consent consent) => Database.WriteAsync(ConsentSaved(consent));

    public void AddRefusal(string enterpriseId, string callee) => Database.Write(RefusalAdded(enterpriseId, callee));

    public Task AddRefusalAsync(string enterpriseId, string callee) => Database.WriteAsync(RefusalAdded(enterpriseId, callee));

    public void AddRoaming(IReadOnlyList<string> numbers) => Database.Write(NumbersAdded("roaming", numbers));

    public Task AddRoamingAsync(IReadOnlyList<string> numbers) => Database.WriteAsync(NumbersAdded("roaming", numbers));

    public void AddDoNotOriginate(IReadOnlyList<string> numbers) => Database.Write(NumbersAdded("do_not_originate", numbers));

    public Task AddDoNotOriginateAsync(IReadOnlyList<string> numbers) => Database.WriteAsync(NumbersAdded("do_not_originate", numbers));

    public void SaveSetting(string name, string json) => Database.Write(tx =>
        SqlDatabase.Execute(tx, "INSERT INTO settings (name, value) VALUES (@name, @value) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            ("name", name), ("value", json)));

    public IReadOnlyList<string> LabelOnlyCallees() =>
        Database.Reading("label-only callees", () => Database.Read("SELECT number FROM label_only_callees", r => r.GetString(0)));

    public void AddLabelOnlyCallees(IReadOnlyList<string> numbers) => Database.Write(tx => Database.InsertValues(tx, "label_only_callees", "number", numbers));

    public IReadOnlyList<string> SigningPeers() =>
        Database.Reading("signing peers", () => Database.Read("SELECT address FROM signing_peers", r => r.GetString(0)));

    public void AddSigningPeer(string address) => Database.Write(tx => Database.InsertValues(tx, "signing_peers", "address", [address]));

    public void Dispose() => Database.Dispose();

    // Times are kept as round-trip text in UTC, which sorts as the instants do.
    public IReadOnlyList<(string Reporter, DateTimeOffset At)> ReportsSince(DateTimeOffset since, string reporterPrefix) => Database.Reading("reports", () =>
        Database.Read("SELECT reporter, at FROM label_reports WHERE at >= @since AND substr(reporter, 1, @length) = @prefix",
            r => (r.GetString(0), SqlDatabase.Instant(r.GetString(1))),
            ("since", SqlDatabase.Text(since.ToUniversalTime())), ("length", reporterPrefix.Length), ("prefix", reporterPrefix)));

    private static Action<DbTransaction> EnterpriseAdded(Enterprise enterprise) => tx =>
        SqlDatabase.Execute(tx, "INSERT INTO enterprises (id, name, sector) VALUES (@id, @name, @sector)",
            ("id", enterprise.Id), ("name", enterprise.Name), ("sector", Sectors.Code(enterprise.Sector)));

    private static Action<DbTransaction> TrunkAdded(TrunkRecord trunk, IReadOnlyList<AllocatedRange> ranges) => tx =>
    {
        SqlDatabase.Execute(tx, "INSERT INTO trunks (id, enterprise_id, realm, source) VALUES (@id, @enterprise, @realm, @source)",
            ("id", trunk.Id), ("enterprise", trunk.EnterpriseId), ("realm", trunk.Realm.ToString().ToLowerInvariant()), ("source", trunk.Source));
        foreach (var range in ranges)
        {
            SqlDatabase.Execute(tx, "INSERT INTO ranges (first_number, last_number, enterprise_id, trunk_id, inbound_only) VALUES (@first, @last, @enterprise, @trunk, @inbound)",
                ("first", range.First), ("last", range.Last), ("enterprise", range.EnterpriseId), ("trunk", trunk.Id), ("inbound", range.InboundOnly ? 1L : 0L));
        }
    };

    private static Action<DbTransaction> ConsentSaved(Consent consent) => tx =>
        SqlDatabase.Execute(tx, """
            INSERT INTO consents (enterprise_id, callee, evidence, recorded_at, keep_until) VALUES (@enterprise, @callee, @evidence, @recorded, @keep)
            ON CONFLICT (enterprise_id, callee) DO UPDATE SET evidence = excluded.evidence, recorded_at = excluded.recorded_at, keep_until = excluded.keep_until
            """,
            ("enterprise", consent.EnterpriseId), ("callee", consent.Callee), ("evidence", consent.Evidence),
            ("recorded", SqlDatabase.Text(consent.RecordedAt)), ("keep", SqlDatabase.Text(consent.KeepUntil)));

    private static Action<DbTransaction> RefusalAdded(string enterpriseId, string callee) => tx =>
        SqlDatabase.Execute(tx, "INSERT INTO refusals (enterprise_id, callee) VALUES (@enterprise, @callee) ON CONFLICT (enterprise_id, callee) DO NOTHING",
            ("enterprise", enterpriseId), ("callee", callee));

    private Action<DbTransaction> NumbersAdded(string table, IReadOnlyList<string> numbers) => tx => Database.InsertValues(tx, table, "number", numbers);
}
