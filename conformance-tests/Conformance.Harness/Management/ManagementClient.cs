using System.Text.Json;
using Conformance.Harness.Evidence;

namespace Conformance.Harness.Management;

/// <summary>
/// The suite's client of the standard management API (spec/api/openapi.yaml): provisioning and the test clock.
/// Every exchange goes into the scenario's evidence.
/// </summary>
public sealed class ManagementClient(Uri baseUrl, string? bearerToken = null) : IDisposable
{
    private readonly ApiChannel _api = new(baseUrl, bearerToken);

    public Uri BaseUrl => baseUrl;

    public Task CreateEnterpriseAsync(string id, string sector, EvidenceLog log) =>
        SendAsync(HttpMethod.Post, "/v1/enterprises", new { id, name = "Enterprise " + id, sector }, log);

    public Task CreateTrunkAsync(string id, string enterpriseId, string realm, string source, IEnumerable<(string First, string Last, bool InboundOnly)> ranges, EvidenceLog log) =>
        SendAsync(HttpMethod.Post, "/v1/trunks", new
        {
            id,
            enterpriseId,
            realm,
            source,
            ranges = ranges.Select(r => new { first = r.First, last = r.Last, inboundOnly = r.InboundOnly }),
        }, log);

    public Task AddConsentAsync(string enterpriseId, string callee, string evidence, EvidenceLog log) =>
        SendAsync(HttpMethod.Post, "/v1/consents", new { enterpriseId, callee, evidence }, log);

    public Task AddRefusalAsync(string callee, string? enterpriseId, EvidenceLog log) =>
        SendAsync(HttpMethod.Post, "/v1/refusals", new { callee, enterpriseId, channel = "conformance-suite" }, log);

    public Task AddRoamingAsync(string number, EvidenceLog log) =>
        SendAsync(HttpMethod.Post, "/v1/roaming", new { numbers = new[] { number } }, log);

    public Task AddDoNotOriginateAsync(string number, EvidenceLog log) =>
        SendAsync(HttpMethod.Post, "/v1/do-not-originate", new { numbers = new[] { number } }, log);

    /// <summary>Puts the target file's rule parameters in force (PUT /v1/parameters); a refusal throws, naming the fields.</summary>
    public async Task SetParametersAsync(Targets.RuleParameters parameters, EvidenceLog log) =>
        (await SendAsync(HttpMethod.Put, "/v1/parameters", ParametersBody.From(parameters), log)).Dispose();

    /// <summary>The parameters in force (GET /v1/parameters).</summary>
    public Task<JsonDocument> ParametersAsync(EvidenceLog log) => SendAsync(HttpMethod.Get, "/v1/parameters", null, log);

    /// <summary>The warning SMS sent to <paramref name="destination"/>, their states and delivery receipts (GET /v1/warnings/sms, API 0.2.0).</summary>
    public Task<JsonDocument> WarningSmsAsync(string destination, EvidenceLog log) =>
        SendAsync(HttpMethod.Get, "/v1/warnings/sms?destination=" + Uri.EscapeDataString(destination), null, log);

    /// <summary>The call records one traceback query finds (GET /v1/traceback/calls); a refusal throws.</summary>
    public async Task<IReadOnlyList<TracebackCall>> TracebackAsync(TracebackQuery query, EvidenceLog log)
    {
        using var answer = await SendAsync(HttpMethod.Get, query.PathAndQuery, null, log);
        return TracebackCall.ListFrom(answer);
    }

    /// <summary>A client of the same API speaking with another key, for scenarios about who may call what.</summary>
    public ManagementClient WithToken(string token) => new(baseUrl, token);

    /// <summary>Sends a GET and returns the answer whatever its status (for scenarios about refusals).</summary>
    public async Task<(int Status, string ContentType, string Body)> TryGetAsync(string pathAndQuery, EvidenceLog log)
    {
        var answer = await _api.SendJsonAsync(HttpMethod.Get, pathAndQuery, null, log);
        return (answer.Status, answer.ContentType, answer.Body);
    }

    public async Task<DateTimeOffset> ClockAsync(EvidenceLog log)
    {
        using var doc = await SendAsync(HttpMethod.Get, "/v1/test/clock", null, log);
        return doc.RootElement.GetProperty("now").GetDateTimeOffset();
    }

    public async Task SetClockAsync(DateTimeOffset now, EvidenceLog log) =>
        (await SendAsync(HttpMethod.Put, "/v1/test/clock", new { now }, log)).Dispose();

    public async Task AdvanceClockAsync(TimeSpan by, EvidenceLog log) =>
        (await SendAsync(HttpMethod.Post, "/v1/test/clock/advance", new { seconds = by.TotalSeconds }, log)).Dispose();

    /// <summary>Sends a request and returns the JSON answer, whatever its status (for scenarios about refusals).</summary>
    public async Task<(int Status, string ContentType, string Body)> TryAsync(HttpMethod method, string path, string jsonBody, EvidenceLog log)
    {
        var answer = await _api.SendJsonAsync(method, path, jsonBody, log);
        return (answer.Status, answer.ContentType, answer.Body);
    }

    private async Task<JsonDocument> SendAsync(HttpMethod method, string path, object? body, EvidenceLog log)
    {
        var answer = await _api.SendAsync(method, path, body, log);
        if (answer.Status is < 200 or >= 300)
        {
            throw new ManagementException($"{method} {path} was answered {answer.Status}: {answer.Body}", answer.Status);
        }

        return JsonDocument.Parse(answer.Body.Length == 0 ? "{}" : answer.Body);
    }

    public void Dispose() => _api.Dispose();
}
