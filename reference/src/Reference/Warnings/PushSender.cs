using System.Collections.Concurrent;
using System.Net.Http.Json;

namespace Reference.Warnings;

/// <summary>
/// Posts app pushes as JSON, retrying failures (no answer, or any non-2xx) with doubling delays up to the configured
/// attempts; a push that never got through is recorded as undeliverable and logged, never dropped silently.
/// </summary>
public sealed class PushSender(WarningOptions options, ILogger<PushSender> logger) : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private readonly ConcurrentQueue<PushWarning> _undeliverable = new();

    public IReadOnlyList<PushWarning> Undeliverable => [.. _undeliverable];

    public bool Enabled => options.PushUrl is not null;

    public async Task SendAsync(PushWarning push)
    {
        if (options.PushUrl is not { } url)
        {
            return;
        }

        var delay = options.PushFirstRetry;
        for (var attempt = 1; attempt <= options.PushAttempts; attempt++)
        {
            try
            {
                using var response = await _http.PostAsJsonAsync(url, push);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }

                logger.LogInformation("Push for call {CallId} answered {Status} (attempt {Attempt})", push.CallId, (int)response.StatusCode, attempt);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                logger.LogInformation("Push for call {CallId} failed: {Error} (attempt {Attempt})", push.CallId, ex.Message, attempt);
            }

            if (attempt < options.PushAttempts)
            {
                await Task.Delay(delay);
                delay *= options.PushBacksOff ? 2 : 1;
            }
        }

        _undeliverable.Enqueue(push);
        logger.LogWarning("Push for call {CallId} to {Url} undeliverable after {Attempts} attempts", push.CallId, url, options.PushAttempts);
    }

    public void Dispose() => _http.Dispose();
}
