using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Conformance.Harness.Adapters;
using Conformance.Harness.Evidence;
using Conformance.Harness.Labelling;

namespace Conformance.Harness.Management;

/// <summary>
/// What every client of the management API shares: one HTTP client carrying the bearer key, each exchange recorded in
/// the scenario's evidence, a change noted for entry points that need time to agree (<see cref="ManagementWrites"/>),
/// and an API that does not answer turned into <see cref="SutUnavailableException"/> so the run stops at once.
/// Answers come back whatever their status: the clients decide whether a refusal is an error or the point.
/// </summary>
public sealed class ApiChannel : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly HttpClient _http;

    /// <param name="bearerToken">Sent on every request as a default header, never through the evidence, which holds
    /// method, path and bodies only.</param>
    public ApiChannel(Uri baseUrl, string? bearerToken)
    {
        BaseUrl = baseUrl;
        _http = new HttpClient { BaseAddress = baseUrl, Timeout = Timeout };
        if (bearerToken is not null)
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        }
    }

    public Uri BaseUrl { get; }

    /// <summary>Sends <paramref name="body"/> serialised as JSON (none when null).</summary>
    public Task<ApiAnswer> SendAsync(HttpMethod method, string path, object? body, EvidenceLog log) =>
        SendJsonAsync(method, path, body is null ? null : JsonSerializer.Serialize(body, Json), log);

    /// <summary>Sends a JSON text as it is (none when null), for raw and malformed bodies and an Idempotency-Key.</summary>
    public async Task<ApiAnswer> SendJsonAsync(HttpMethod method, string path, string? json, EvidenceLog log, string? idempotencyKey = null)
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
            if (method != HttpMethod.Get && answer.Status is >= 200 and < 300)
            {
                ManagementWrites.Noted();
            }

            return answer;
        }
        catch (HttpRequestException ex)
        {
            throw new SutUnavailableException($"the management API at {BaseUrl} did not answer: {ex.Message}");
        }
        catch (TaskCanceledException)
        {
            throw new SutUnavailableException($"the management API at {BaseUrl} did not answer within {Timeout.TotalSeconds:0} s");
        }
    }

    public void Dispose() => _http.Dispose();
}
