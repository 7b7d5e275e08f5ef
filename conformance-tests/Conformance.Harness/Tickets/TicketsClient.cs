using System.Text.Json;
using Conformance.Harness.Evidence;
using Conformance.Harness.Management;
using Conformance.Harness.Labelling;

namespace Conformance.Harness.Tickets;

/// <summary>
/// The suite's client of the reporting endpoints of the management API (spec/api/openapi.yaml, 0.5.0): report intake
/// with its Idempotency-Key, tickets, their steps, the overdue list and the holiday calendar. Every exchange goes into
/// the scenario's evidence; answers are returned whatever their status, so scenarios can judge refusals.
/// </summary>
public sealed class TicketsClient : IDisposable
{
    private readonly ApiChannel _api;

    /// <param name="bearerToken">The key to speak with; sent on every request, never recorded.</param>
    public TicketsClient(Uri baseUrl, string? bearerToken) => _api = new ApiChannel(baseUrl, bearerToken);

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
            step == "answered" ? JsonSerializer.Serialize(new { answer = "answered by the department (conformance suite)" }, ApiChannel.Json) : null, null, log);

    public Task<ApiAnswer> CalendarAsync(int year, EvidenceLog log) =>
        SendAsync(HttpMethod.Get, $"/v1/reporting/calendars/{year}", null, null, log);

    public Task<ApiAnswer> SetCalendarAsync(int year, string json, EvidenceLog log) =>
        SendAsync(HttpMethod.Put, $"/v1/reporting/calendars/{year}", json, null, log);

    private Task<ApiAnswer> SendAsync(HttpMethod method, string path, string? json, string? idempotencyKey, EvidenceLog log) =>
        _api.SendJsonAsync(method, path, json, log, idempotencyKey);

    public void Dispose() => _api.Dispose();
}
