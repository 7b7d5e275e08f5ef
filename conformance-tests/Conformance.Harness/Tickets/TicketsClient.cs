using System.Text;
using System.Text.Json;
using Conformance.Harness.Adapters;
using Conformance.Harness.Evidence;
using Conformance.Harness.Labelling;

namespace Conformance.Harness.Tickets;

/// <summary>
/// The suite's client of the reporting endpoints of the management API (spec/api/openapi.yaml, 0.5.0): report intake
/// with its Idempotency-Key, tickets, their steps, the overdue list and the holiday calendar. Every exchange goes into
/// the scenario's evidence; answers are returned whatever their status, so scenarios can judge refusals.
/// </summary>
public sealed class TicketsClient : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly HttpClient _http;

    /// <param name="bearerToken">The key to speak with; sent on every request, never recorded.</param>
    public TicketsClient(Uri baseUrl, string? bearerToken)
    {
        _http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(10) };
        if (bearerToken is not null)
        {
            _http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearerToken);
        }
    }

    /// <summary>POST /v1/reports; <paramref name="reporter"/> null for a public reporter's key (its account is the reporter).</summary>
    public Task<ApiAnswer> ReportAsync(ReportBody report, string? idempotencyKey, EvidenceLog log) =>
        SendAsync(HttpMethod.Post, "/v1/reports", report.ToJson(), idempotencyKey, log);

    public Task<ApiAnswer> TicketAsync(string id, EvidenceLog log) =>
        SendAsync(HttpMethod.Get, "/v1/tickets/" + Uri.EscapeDataString(id), null, null, log);

    public Task<ApiAnswer> TicketsOfAsync(string number, EvidenceLog log) =>
        SendAsync(HttpMethod.Get, "/v1/tickets?number=" + Uri.EscapeDataString(number), null, null, log);

    public Task<ApiAnswer> OverdueAsync(string number, EvidenceLog log) =>
        SendAsync(HttpMethod.Get, "/v1/tickets/overdue?number=" + Uri.EscapeDataString(number), null, null, log);

    /// <summary>POST /v1/tickets/{id}/forwarded, answered (with an answer) or notified.</summary>
    public Task<ApiAnswer> StepAsync(string id, string step, EvidenceLog log) =>
        SendAsync(HttpMethod.Post, $"/v1/tickets/{Uri.EscapeDataString(id)}/{step}",
            step == "answered" ? JsonSerializer.Serialize(new { answer = "answered by the department (conformance suite)" }, Json) : null, null, log);

    public Task<ApiAnswer> CalendarAsync(int year, EvidenceLog log) =>
        SendAsync(HttpMethod.Get, $"/v1/reporting/calendars/{year}", null, null, log);

    public Task<ApiAnswer> SetCalendarAsync(int year, string json, EvidenceLog log) =>
        SendAsync(HttpMethod.Put, $"/v1/reporting/calendars/{year}", json, null, log);

    private async Task<ApiAnswer> SendAsync(HttpMethod method, string path, string? json, string? idempotencyKey, EvidenceLog log)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        if (idempotencyKey is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        }

        log.Record($"api {method} {path}{(idempotencyKey is null ? string.Empty : " Idempotency-Key: " + idempotencyKey)}", json ?? string.Empty);
        try
        {
            using var response = await _http.SendAsync(request);
            var answer = new ApiAnswer((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType ?? string.Empty, await response.Content.ReadAsStringAsync());
            log.Record($"api answered {answer.Status}", answer.Body);
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
