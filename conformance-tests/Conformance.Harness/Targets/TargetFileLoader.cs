using System.Net;
using System.Text.Json;

namespace Conformance.Harness.Targets;

/// <summary>
/// Reads a target file strictly: unknown keys, wrong types and missing fields are refused with the file,
/// the JSON path and what is expected, so a lab can fix the file without reading code.
/// </summary>
public static class TargetFileLoader
{
    private static readonly string[] TopLevelKeys =
        ["$schema", "description", "adapter", "vendor", "product", "version", "signallingProfile", "realms", "peers", "timeouts", "pics", "reference", "management", "parameters", "deviations", "stir", "pixit", "web"];

    /// <summary>Values a lab provisioned by hand on a system without the standard management API (PIXIT).</summary>
    public static readonly string[] PixitKeys = ["doNotOriginate", "roaming"];

    /// <summary>Roles whose keys a lab may give the suite besides its own, for scenarios about who may call what (TRC-ACL, REP-ACL, RES-DIS).</summary>
    public static readonly string[] RoleTokenNames = ["regulator", "other-role", "reporter", "another-reporter", "other-carrier"];

    private static readonly string[] ParameterKeys =
    [
        "oneRingCallees", "oneRingSeconds", "oneRingWindowMinutes", "oneRingMaxAnswers", "bombingLimit", "bombingWindowSeconds",
        "marketingShortLimit", "marketingShortWindowMinutes", "marketingDailyLimit", "callingHours", "labelReporters", "labelWindowDays",
        "reportTextLimit", "appealDeadlineDays",
        "stirFreshnessSeconds",
        "consentRetentionDays",
        "callRecordRetentionDays",
        "forwardReportDays", "answerReportDays", "notifyReportDays",
    ];

    private static readonly string[] RealmNames = ["access", "interconnect", "international"];
    private static readonly string[] Profiles = ["atis-603plus", "rfc8688", "rfc8197"];

    public static TargetFile Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new TargetFileException($"{path}: the target file does not exist; pass --target with the path of a JSON target file (examples in fixtures/targets/).");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            throw new TargetFileException($"{path}: line {ex.LineNumber + 1}, column {ex.BytePositionInLine + 1}: not valid JSON ({ex.Message.Split('.')[0]}).");
        }

        using (document)
        {
            return Read(new Reader(path), document.RootElement);
        }
    }

    private static TargetFile Read(Reader r, JsonElement root)
    {
        r.Object(root, "$", TopLevelKeys);
        var adapter = r.RequiredString(root, "$.adapter", "adapter", null);
        var adapterAssembly = CustomAdapterPath.Resolve(r.Path, adapter);
        var realms = new Dictionary<string, IPEndPoint>();
        var entryPoints = new Dictionary<string, IReadOnlyList<IPEndPoint>>();
        if (root.TryGetProperty("realms", out var realmsElement))
        {
            r.Object(realmsElement, "$.realms", RealmNames);
            foreach (var property in realmsElement.EnumerateObject())
            {
                var at = $"$.realms.{property.Name}";
                var listed = r.EndPoints(property.Value, at);
                realms[property.Name] = listed[0];
                entryPoints[property.Name] = listed;
            }
        }

        if ((adapter is TargetFile.TargetFileAdapter or TargetFile.GenericAdapter) && !realms.ContainsKey("international"))
        {
            throw r.Error("$.realms.international", $"is missing; the {adapter} adapter needs the address where the system under test receives calls from abroad, such as \"127.0.0.1:5064\"");
        }

        var terminating = new IPEndPoint(IPAddress.Loopback, 0);
        var originating = new IPEndPoint(IPAddress.Loopback, 0);
        var smscPeer = new IPEndPoint(IPAddress.Loopback, 0);
        var pushPeer = new IPEndPoint(IPAddress.Loopback, 0);
        if (root.TryGetProperty("peers", out var peers))
        {
            r.Object(peers, "$.peers", ["terminating", "originating", "smsc", "push"]);
            if (peers.TryGetProperty("smsc", out var smsc))
            {
                smscPeer = r.EndPoint(smsc, "$.peers.smsc");
            }

            if (peers.TryGetProperty("push", out var push))
            {
                pushPeer = r.EndPoint(push, "$.peers.push");
            }

            if (peers.TryGetProperty("terminating", out var t))
            {
                terminating = r.EndPoint(t, "$.peers.terminating");
            }

            if (peers.TryGetProperty("originating", out var o))
            {
                originating = r.EndPoint(o, "$.peers.originating");
            }
        }

        var response = TimeSpan.FromSeconds(2);
        var quiet = TimeSpan.FromMilliseconds(300);
        if (root.TryGetProperty("timeouts", out var timeouts))
        {
            r.Object(timeouts, "$.timeouts", ["responseMs", "quietMs"]);
            if (timeouts.TryGetProperty("responseMs", out var ms))
            {
                response = TimeSpan.FromMilliseconds(r.PositiveInt(ms, "$.timeouts.responseMs"));
            }

            if (timeouts.TryGetProperty("quietMs", out var q))
            {
                quiet = TimeSpan.FromMilliseconds(r.PositiveInt(q, "$.timeouts.quietMs"));
            }
        }

        var pics = new Dictionary<string, bool>(StringComparer.Ordinal);
        if (root.TryGetProperty("pics", out var picsElement))
        {
            r.Object(picsElement, "$.pics", null);
            foreach (var property in picsElement.EnumerateObject())
            {
                if (property.Value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    throw r.Error($"$.pics.{property.Name}", $"must be true or false (is the capability implemented?), found {Describe(property.Value)}");
                }

                pics[property.Name] = property.Value.GetBoolean();
            }
        }

        var pixit = new Dictionary<string, string>(StringComparer.Ordinal);
        if (root.TryGetProperty("pixit", out var pixitElement))
        {
            r.Object(pixitElement, "$.pixit", PixitKeys);
            foreach (var property in pixitElement.EnumerateObject())
            {
                var number = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : string.Empty;
                if (number.Length is < 5 or > 16 || !number.TrimStart('+').All(char.IsAsciiDigit))
                {
                    throw r.Error($"$.pixit.{property.Name}", $"must be the telephone number the lab provisioned, such as \"13800138000\", found {Describe(property.Value)}");
                }

                pixit[property.Name] = number;
            }
        }

        IReadOnlyList<string> disabled = [];
        IReadOnlyList<string> faults = [];
        if (root.TryGetProperty("reference", out var reference))
        {
            r.Object(reference, "$.reference", ["disabledRules", "faults"]);
            if (reference.TryGetProperty("faults", out var named))
            {
                if (named.ValueKind != JsonValueKind.Array || named.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
                {
                    throw r.Error("$.reference.faults", $"must be an array of fault names such as [\"relay-ack\"], found {Describe(named)}");
                }

                faults = named.EnumerateArray().Select(e => e.GetString()!).ToList();
                if (Conformance.FaultProxy.Faults.Unknown(faults) is { Count: > 0 } unknown)
                {
                    throw r.Error("$.reference.faults", $"names {string.Join(", ", unknown)}; the faults are {string.Join(", ", Conformance.FaultProxy.Faults.All)}");
                }
            }

            if (reference.TryGetProperty("disabledRules", out var rules))
            {
                if (rules.ValueKind != JsonValueKind.Array || rules.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
                {
                    throw r.Error("$.reference.disabledRules", $"must be an array of rule ids such as [\"intl-domestic-number\"], found {Describe(rules)}");
                }

                disabled = rules.EnumerateArray().Select(e => e.GetString()!).ToList();
            }
        }

        Uri? management = null;
        string? tokenVariable = null;
        var roleTokenVariables = new Dictionary<string, string>(StringComparer.Ordinal);
        if (root.TryGetProperty("management", out var managementElement))
        {
            r.Object(managementElement, "$.management", ["url", "tokenVariable", "roleTokenVariables"]);
            if (managementElement.TryGetProperty("roleTokenVariables", out var roles))
            {
                r.Object(roles, "$.management.roleTokenVariables", RoleTokenNames);
                foreach (var role in roles.EnumerateObject())
                {
                    roleTokenVariables[role.Name] = CustomAdapterPath.CheckVariableName(
                        r.Path, r.RequiredString(roles, "$.management.roleTokenVariables." + role.Name, role.Name, null));
                }
            }

            tokenVariable = managementElement.TryGetProperty("tokenVariable", out _)
                ? CustomAdapterPath.CheckVariableName(r.Path, r.RequiredString(managementElement, "$.management.tokenVariable", "tokenVariable", null))
                : null;
            var url = r.RequiredString(managementElement, "$.management.url", "url", null);
            if (!Uri.TryCreate(url, UriKind.Absolute, out management) || management.Scheme is not ("http" or "https"))
            {
                throw r.Error("$.management.url", $"must be an http(s) URL such as \"http://127.0.0.1:8080\", found \"{url}\"");
            }
        }

        Uri? web = null;
        string? webPages = null;
        if (root.TryGetProperty("web", out var webElement))
        {
            r.Object(webElement, "$.web", ["url", "pages"]);
            var url = r.RequiredString(webElement, "$.web.url", "url", null);
            if (!Uri.TryCreate(url, UriKind.Absolute, out web) || web.Scheme is not ("http" or "https"))
            {
                throw r.Error("$.web.url", $"must be the http(s) URL of the system's public portal, such as \"http://127.0.0.1:8080/\", found \"{url}\"");
            }

            if (webElement.TryGetProperty("pages", out _))
            {
                webPages = Path.GetFullPath(r.RequiredString(webElement, "$.web.pages", "pages", null), Path.GetDirectoryName(Path.GetFullPath(r.Path)) ?? Directory.GetCurrentDirectory());
            }
        }

        if (adapter == TargetFile.GenericAdapter && management is null)
        {
            throw r.Error("$.management", "is missing; the generic adapter needs the management API's base URL, such as { \"url\": \"http://127.0.0.1:8080\" }");
        }

        var parameters = new RuleParameters();
        if (root.TryGetProperty("parameters", out var p))
        {
            r.Object(p, "$.parameters", ParameterKeys);
            int Int(string key, int fallback) => p.TryGetProperty(key, out var v) ? r.PositiveInt(v, "$.parameters." + key) : fallback;
            parameters = new RuleParameters
            {
                OneRingCallees = Int("oneRingCallees", parameters.OneRingCallees),
                OneRingSeconds = Int("oneRingSeconds", parameters.OneRingSeconds),
                OneRingWindowMinutes = Int("oneRingWindowMinutes", parameters.OneRingWindowMinutes),
                OneRingMaxAnswers = p.TryGetProperty("oneRingMaxAnswers", out var maxAnswers) && maxAnswers.ValueKind == JsonValueKind.Number && maxAnswers.TryGetInt32(out var m) && m >= 0
                    ? m
                    : p.TryGetProperty("oneRingMaxAnswers", out _) ? throw r.Error("$.parameters.oneRingMaxAnswers", "must be a whole number, 0 or more") : parameters.OneRingMaxAnswers,
                BombingLimit = Int("bombingLimit", parameters.BombingLimit),
                BombingWindowSeconds = Int("bombingWindowSeconds", parameters.BombingWindowSeconds),
                MarketingShortLimit = Int("marketingShortLimit", parameters.MarketingShortLimit),
                MarketingShortWindowMinutes = Int("marketingShortWindowMinutes", parameters.MarketingShortWindowMinutes),
                MarketingDailyLimit = Int("marketingDailyLimit", parameters.MarketingDailyLimit),
                LabelReporters = Int("labelReporters", parameters.LabelReporters),
                LabelWindowDays = Int("labelWindowDays", parameters.LabelWindowDays),
                ReportTextLimit = Int("reportTextLimit", parameters.ReportTextLimit),
                AppealDeadlineDays = Int("appealDeadlineDays", parameters.AppealDeadlineDays),
                StirFreshnessSeconds = Int("stirFreshnessSeconds", parameters.StirFreshnessSeconds),
                ConsentRetentionDays = Int("consentRetentionDays", parameters.ConsentRetentionDays),
                CallRecordRetentionDays = Int("callRecordRetentionDays", parameters.CallRecordRetentionDays),
                ForwardReportDays = Int("forwardReportDays", parameters.ForwardReportDays),
                AnswerReportDays = Int("answerReportDays", parameters.AnswerReportDays),
                NotifyReportDays = Int("notifyReportDays", parameters.NotifyReportDays),
                CallingHours = p.TryGetProperty("callingHours", out _) ? r.RequiredString(p, "$.parameters.callingHours", "callingHours", null) : parameters.CallingHours,
            };
            if (!System.Text.RegularExpressions.Regex.IsMatch(parameters.CallingHours, "^([01][0-9]|2[0-3]):[0-5][0-9]-(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$")
                || parameters.CallingHoursStart >= parameters.CallingHoursEnd)
            {
                throw r.Error("$.parameters.callingHours", $"must be \"HH:mm-HH:mm\" with the start before the end, such as \"08:00-21:00\", found \"{parameters.CallingHours}\"");
            }

            if (parameters.MarketingDailyLimit < parameters.MarketingShortLimit)
            {
                throw r.Error("$.parameters.marketingDailyLimit", "must be at least marketingShortLimit");
            }
        }

        string? deviations = null;
        if (root.TryGetProperty("deviations", out _))
        {
            var named = r.RequiredString(root, "$.deviations", "deviations", null);
            deviations = Path.GetFullPath(named, Path.GetDirectoryName(Path.GetFullPath(r.Path)) ?? Directory.GetCurrentDirectory());
            if (!File.Exists(deviations))
            {
                throw r.Error("$.deviations", $"names {deviations}, which does not exist; give the path of a known-deviations file (spec/schemas/known-deviations.schema.json), relative to the target file");
            }
        }

        return new TargetFile
        {
            DeviationsPath = deviations,
            ManagementUrl = management,
            WebUrl = web,
            WebPages = webPages,
            ManagementTokenVariable = tokenVariable,
            RoleTokenVariables = roleTokenVariables,
            AdapterAssembly = adapterAssembly,
            Parameters = parameters,
            Description = r.RequiredString(root, "$.description", "description", null),
            Adapter = adapter,
            Vendor = r.OptionalString(root, "vendor"),
            Product = r.OptionalString(root, "product"),
            Version = r.OptionalString(root, "version"),
            SignallingProfile = root.TryGetProperty("signallingProfile", out _)
                ? r.RequiredString(root, "$.signallingProfile", "signallingProfile", Profiles)
                : "atis-603plus",
            Realms = realms,
            EntryPoints = entryPoints,
            TerminatingPeer = terminating,
            OriginatingPeer = originating,
            SmscPeer = smscPeer,
            PushPeer = pushPeer,
            ResponseTimeout = response,
            QuietPeriod = quiet,
            Pics = pics,
            Pixit = pixit,
            DisabledRules = disabled,
            Faults = faults,
            Stir = root.TryGetProperty("stir", out var stir) ? StirSettings.Read(stir, r.Path) : null,
            SourcePath = r.Path,
        };
    }

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => $"\"{element.GetString()}\"",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        _ => element.GetRawText(),
    };

    private sealed class Reader(string path)
    {
        public string Path { get; } = path;

        public TargetFileException Error(string at, string what) => new($"{Path}: {at} {what}.");

        public void Object(JsonElement element, string at, string[]? allowedKeys)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                throw Error(at, $"must be an object, found {Describe(element)}");
            }

            if (allowedKeys is null)
            {
                return;
            }

            foreach (var property in element.EnumerateObject())
            {
                if (!allowedKeys.Contains(property.Name))
                {
                    throw Error($"{at}.{property.Name}", $"is not a known key; expected one of {string.Join(", ", allowedKeys.Where(k => k != "$schema"))}");
                }
            }
        }

        public string RequiredString(JsonElement parent, string at, string key, string[]? allowed)
        {
            if (!parent.TryGetProperty(key, out var element))
            {
                throw Error(at, allowed is null ? "is missing; put a string there" : $"is missing; put one of {string.Join(", ", allowed)}");
            }

            if (element.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(element.GetString()))
            {
                throw Error(at, $"must be a non-empty string, found {Describe(element)}");
            }

            var value = element.GetString()!;
            if (allowed is not null && !allowed.Contains(value))
            {
                throw Error(at, $"is \"{value}\"; expected one of {string.Join(", ", allowed)}");
            }

            return value;
        }

        public string? OptionalString(JsonElement parent, string key) =>
            parent.TryGetProperty(key, out _) ? RequiredString(parent, "$." + key, key, null) : null;

        /// <summary>One "address:port", or an array of them (the entry points of a system of several nodes), none twice.</summary>
        public IReadOnlyList<IPEndPoint> EndPoints(JsonElement element, string at)
        {
            if (element.ValueKind != JsonValueKind.Array)
            {
                return [EndPoint(element, at)];
            }

            var list = new List<IPEndPoint>();
            var index = 0;
            foreach (var item in element.EnumerateArray())
            {
                var endpoint = EndPoint(item, $"{at}[{index}]");
                if (list.Contains(endpoint))
                {
                    throw Error($"{at}[{index}]", $"lists {endpoint} a second time; list each entry point once");
                }

                list.Add(endpoint);
                index++;
            }

            return list.Count > 0 ? list : throw Error(at, "is an empty list; give at least one \"address:port\" such as \"127.0.0.1:5064\"");
        }

        public IPEndPoint EndPoint(JsonElement element, string at)
        {
            if (element.ValueKind != JsonValueKind.String || !IPEndPoint.TryParse(element.GetString()!, out var endpoint) || !element.GetString()!.Contains(':', StringComparison.Ordinal))
            {
                throw Error(at, $"must be \"address:port\" such as \"127.0.0.1:5064\", found {Describe(element)}");
            }

            return endpoint;
        }

        public int PositiveInt(JsonElement element, string at)
        {
            if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt32(out var value) || value <= 0)
            {
                throw Error(at, $"must be a positive whole number of milliseconds, found {Describe(element)}");
            }

            return value;
        }
    }
}
