using System.Collections.Concurrent;
using Conformance.Harness.Calls;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Conformance.Harness.Push;

/// <summary>
/// The suite's app-push endpoint: an HTTP server on a free loopback port that records every POST with its arrival
/// time and answers 204, or the statuses scripted for the next posts (to see the sender retry with back-off).
/// </summary>
public sealed class PushSink : IAsyncDisposable
{
    private readonly MessageWaiter<ReceivedPush> _received = new();
    private readonly ConcurrentQueue<int> _script = new();
    private readonly TimeProvider _time;
    private WebApplication? _app;

    private readonly string _bindTo;

    /// <param name="bindTo">Where to listen; a free loopback port when null (a target file may fix it for a vendor).</param>
    public PushSink(TimeProvider? time = null, System.Net.IPEndPoint? bindTo = null)
    {
        _time = time ?? TimeProvider.System;
        _bindTo = $"http://{bindTo ?? new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0)}";
    }

    /// <summary>Where pushes must be posted; set once started.</summary>
    public Uri Url { get; private set; } = new("http://127.0.0.1/");

    public IReadOnlyList<ReceivedPush> Received => _received.Where(_ => true);

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(_bindTo);
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/push", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            var status = _script.TryDequeue(out var scripted) ? scripted : StatusCodes.Status204NoContent;
            _received.Add(new ReceivedPush(_time.GetUtcNow(), context.Request.ContentType ?? string.Empty, body, status));
            return Results.StatusCode(status);
        });
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Url = new Uri(new Uri(address), "/push");
    }

    /// <summary>Statuses for the next posts, in order, before 204 applies again.</summary>
    public void Script(params int[] statuses)
    {
        foreach (var status in statuses)
        {
            _script.Enqueue(status);
        }
    }

    public Task<ReceivedPush?> WaitForAsync(Func<ReceivedPush, bool> match, TimeSpan timeout) => _received.WaitAsync(match, timeout);

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
