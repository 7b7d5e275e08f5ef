using Conformance.Harness.Evidence;
using Conformance.Harness.Management;

namespace Conformance.Harness.Labelling;

/// <summary>
/// The suite's client of the labelling and appeal endpoints of the management API (spec/api/openapi.yaml):
/// reports, lookup, analytics flags, self-declarations, appeals. Every exchange goes into the scenario's evidence;
/// answers are returned whatever their status, so scenarios can judge refusals.
/// </summary>
public sealed class LabellingClient : IDisposable
{
    private readonly ApiChannel _api;

    /// <param name="bearerToken">The management API token from the target's named variable; sent on every request, never recorded.</param>
    public LabellingClient(Uri baseUrl, string? bearerToken = null) => _api = new ApiChannel(baseUrl, bearerToken);

    public Task<ApiAnswer> ReportAsync(string number, string category, string reporter, string text, EvidenceLog log) =>
        SendAsync(HttpMethod.Post, "/v1/reports", new { number, category, reporter, channel = "app", text }, log);

    public Task<ApiAnswer> LookupAsync(string number, EvidenceLog log) =>
        SendAsync(HttpMethod.Get, "/v1/labels/" + Uri.EscapeDataString(number), null, log);

    public Task<ApiAnswer> FlagAsync(string number, string category, EvidenceLog log) =>
        SendAsync(HttpMethod.Post, "/v1/labels/analytics", new { number, category }, log);

    public Task<ApiAnswer> DeclareAsync(string enterprise, string category, IEnumerable<string> numbers, EvidenceLog log) =>
        SendAsync(HttpMethod.Post, "/v1/labels/declarations", new { enterprise, category, numbers }, log);

    public Task<ApiAnswer> AppealAsync(string number, string holder, string reason, EvidenceLog log) =>
        SendAsync(HttpMethod.Post, "/v1/appeals", new { number, holder, reason, text = "appeal filed by the conformance suite" }, log);

    public Task<ApiAnswer> AppealStatusAsync(string id, EvidenceLog log) =>
        SendAsync(HttpMethod.Get, "/v1/appeals/" + Uri.EscapeDataString(id), null, log);

    /// <summary>The appeals desk's queue: status overdue, pending, cleared or upheld.</summary>
    public Task<ApiAnswer> AppealsAsync(string status, EvidenceLog log) =>
        SendAsync(HttpMethod.Get, "/v1/appeals?status=" + Uri.EscapeDataString(status), null, log);

    public Task<ApiAnswer> DecideAsync(string id, bool clear, EvidenceLog log) =>
        SendAsync(HttpMethod.Post, $"/v1/appeals/{Uri.EscapeDataString(id)}/decision", new { clear, why = "decided by the conformance suite" }, log);

    /// <summary>Sends a raw JSON body, for scenarios about refusals of malformed requests.</summary>
    public Task<ApiAnswer> SendRawAsync(HttpMethod method, string path, string json, EvidenceLog log) =>
        SendAsync(method, path, json, log);

    private Task<ApiAnswer> SendAsync(HttpMethod method, string path, object? body, EvidenceLog log) =>
        body is string raw ? _api.SendJsonAsync(method, path, raw, log) : _api.SendAsync(method, path, body, log);

    public void Dispose() => _api.Dispose();
}
