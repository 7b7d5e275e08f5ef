using System.Text.Json;
using Labelling;
using Screening;
using Screening.Directory;

namespace Reference.Storage;

/// <summary>
/// Notifications of the shared store gathered between two waits, and their rows turned back into the records memory
/// holds. Deletions are not applied row by row: the only ones are a clear's, and the clear itself is applied.
/// </summary>
internal sealed class ChangeBatch
{
    private readonly Lock _lock = new();
    private List<string> _payloads = [];

    public void Add(string payload)
    {
        lock (_lock)
        {
            _payloads.Add(payload);
        }
    }

    public IReadOnlyList<string> Take()
    {
        lock (_lock)
        {
            var taken = _payloads;
            _payloads = [];
            return taken;
        }
    }

    public static (DirectorySnapshot Directory, LabelRecords Labels, List<(string Name, string Value)> Settings, List<string> LabelOnlyCallees, ChangeFeedRecords Records) Parse(IReadOnlyList<string> payloads, ILogger logger)
    {
        var enterprises = new List<Enterprise>();
        var trunks = new List<TrunkRecord>();
        var ranges = new List<AllocatedRange>();
        var consents = new List<Consent>();
        var refusals = new List<(string, string)>();
        var roaming = new List<string>();
        var doNotOriginate = new List<string>();
        var settings = new List<(string, string)>();
        var reports = new List<NumberReport>();
        var flags = new List<(string, LabelCategory, DateTimeOffset)>();
        var declarations = new List<(string, LabelCategory, string, DateTimeOffset)>();
        var clears = new List<(string, DateTimeOffset)>();
        var labelOnly = new List<string>();
        var apiKeys = new List<(Access.ApiKey, string)>();
        var appeals = new List<string>();
        var signingPeers = new List<string>();
        foreach (var payload in payloads)
        {
            try
            {
                using var document = JsonDocument.Parse(payload);
                var root = document.RootElement;
                if (root.GetProperty("op").GetString() == "DELETE")
                {
                    continue;
                }

                var row = root.GetProperty("row");
                string S(string column) => row.GetProperty(column).GetString() ?? string.Empty;
                switch (root.GetProperty("table").GetString())
                {
                    case "enterprises":
                        enterprises.Add(new Enterprise(S("id"), S("name"), Sectors.TryParse(S("sector"), out var sector) ? sector : Sector.Other));
                        break;
                    case "trunks":
                        trunks.Add(new TrunkRecord(S("id"), S("enterprise_id"), Enum.Parse<Realm>(S("realm"), ignoreCase: true),
                            row.GetProperty("source").ValueKind == JsonValueKind.Null ? null : S("source")));
                        break;
                    case "ranges":
                        ranges.Add(new AllocatedRange(S("first_number"), S("last_number"), S("enterprise_id"), row.GetProperty("inbound_only").GetInt64() != 0));
                        break;
                    case "consents":
                        consents.Add(new Consent(S("enterprise_id"), S("callee"), S("evidence"), SqlDatabase.Instant(S("recorded_at")), SqlDatabase.Instant(S("keep_until"))));
                        break;
                    case "refusals":
                        refusals.Add((S("enterprise_id"), S("callee")));
                        break;
                    case "roaming":
                        roaming.Add(S("number"));
                        break;
                    case "do_not_originate":
                        doNotOriginate.Add(S("number"));
                        break;
                    case "settings":
                        settings.Add((S("name"), S("value")));
                        break;
                    case "label_reports":
                        reports.Add(new NumberReport(S("number"), Category(S("category")), S("reporter"), S("channel"), string.Empty, SqlDatabase.Instant(S("at"))));
                        break;
                    case "label_flags":
                        flags.Add((S("number"), Category(S("category")), SqlDatabase.Instant(S("at"))));
                        break;
                    case "label_declarations":
                        declarations.Add((S("number"), Category(S("category")), S("enterprise"), SqlDatabase.Instant(S("at"))));
                        break;
                    case "label_only_callees":
                        labelOnly.Add(S("number"));
                        break;
                    case "api_keys":
                        apiKeys.Add((ApiKey(row, S), S("key_hash")));
                        break;
                    case "appeals":
                        appeals.Add(S("id"));
                        break;
                    case "signing_peers":
                        signingPeers.Add(S("address"));
                        break;
                    case "label_clears":
                        clears.Add((S("number"), SqlDatabase.Instant(S("at"))));
                        break;
                }
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException)
            {
                // A row this node cannot read is left for the next full re-read, never half applied.
                logger.LogWarning("Ignored a change notification this node cannot read ({Error}): {Payload}", ex.Message, payload.Length > 200 ? payload[..200] : payload);
            }
        }

        var directory = new DirectorySnapshot(enterprises, trunks, ranges, consents, refusals, roaming, doNotOriginate, new Dictionary<string, string>());
        return (directory, new LabelRecords(reports, flags, declarations, clears, [], []), settings, labelOnly, new ChangeFeedRecords(apiKeys, appeals, signingPeers));
    }

    private static Access.ApiKey ApiKey(JsonElement row, Func<string, string> column)
    {
        var roles = column("roles").Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(code => Access.Roles.TryParse(code, out var role) ? role : throw new FormatException($"unknown role '{code}'"))
            .ToList();
        var revoked = row.GetProperty("revoked_at").ValueKind == JsonValueKind.Null ? (DateTimeOffset?)null : SqlDatabase.Instant(column("revoked_at"));
        return new Access.ApiKey(column("id"), roles, column("account"), SqlDatabase.Instant(column("issued_at")), revoked);
    }

    private static LabelCategory Category(string code) =>
        LabelCategories.TryParse(code, out var category) ? category : throw new FormatException($"unknown label category '{code}'");
}
