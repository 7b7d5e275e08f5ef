using System.Text;
using System.Text.Json;
using Conformance.Harness.Adapters;
using Conformance.Harness.Evidence;

namespace Conformance.Harness.Labelling;

/// <summary>
/// The suite's client of the labelling and appeal endpoints of the management API (spec/api/openapi.yaml):
/// reports, lookup, analytics flags, self-declarations, appeals. Every exchange goes into the scenario's evidence;
/// answers are returned whatever their status, so scenarios can judge refusals.
/// </summary>
public sealed class LabellingClient : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly HttpClient _http;

    /// <param name="bearerToken">The management API token from the target's named variable; sent on every request, never recorded.</param>
    public LabellingClient(Uri baseUrl, string? bearerToken = null)
    {
        _http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(10) };
        if (bearerToken is not null)
        {
            _http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearerToken);
        }
    }

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

    private async Task<ApiAnswer> SendAsync(HttpMethod method, string path, object? body, EvidenceLog log)
    {
        using var request = new HttpRequestMessage(method, path);
        var text = body switch
        {
            null => string.Empty,
            string raw => raw,
            _ => JsonSerializer.Serialize(body, Json),
        };
        if (body is not null)
        {
            request.Content = new StringContent(text, Encoding.UTF8, "application/json");
        }

        log.Record($"api {method} {path}", text);
        try
        {
            using var response = await _http.SendAsync(request);
            var answer = new ApiAnswer((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType ?? string.Empty, await response.Content.ReadAsStringAsync());
            log.Record($"api answered {answer.Status}", answer.Body);
            if (method != HttpMethod.Get && answer.Status is >= 200 and < 300)
            {
                Management.ManagementWrites.Noted();
            }

            return answer;
        }
        catch (HttpRequestException ex)
        {
            throw new SutUnavailableException($"the management API at {_http.BaseAddress} did not answer: {ex.Message}");
        }
        catch (TaskCanceledException)
        {
            throw new SutUnavailableException($"the management API at {_http.BaseAddress} did not answer within 10 s");
        }
    }

    public void Dispose() => _http.Dispose();
}
