using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Conformance.FaultProxy;

/// <summary>
/// Relays the management API. Addresses the suite provisions (a trunk's <c>source</c>, a signing peer's
/// <c>address</c>) are rewritten to the proxy's socket for that client, so the system knows the client as it would
/// without the proxy; the management faults (<see cref="Faults"/>) change answers as a faulty system would.
/// </summary>
internal sealed class ManagementRelay(Uri system, ClientSockets clients, ISet<string> faults) : IAsyncDisposable
{
    private static readonly string[] AddressFields = ["source", "address"];
    private static readonly HashSet<string> Unforwarded = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Content-Length", "Content-Type", "Transfer-Encoding", "Connection",
    };

    private readonly HttpClient _http = new() { BaseAddress = system, Timeout = TimeSpan.FromSeconds(30) };
    private WebApplication? _app;

    public async Task<Uri> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.Run(RelayAsync);
        await _app.StartAsync(cancellationToken);
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address);
    }

    private async Task RelayAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        var method = context.Request.Method;
        if (faults.Contains(Faults.IgnoreParameters) && method == "PUT" && path == "/v1/parameters")
        {
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }

        if (faults.Contains(Faults.LookupNotFound) && method == "GET" && path.StartsWith("/v1/labels/", StringComparison.Ordinal))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            context.Response.ContentType = "application/problem+json";
            await context.Response.WriteAsync("""{"title":"no label","status":404}""");
            return;
        }

        using var body = new StreamReader(context.Request.Body, Encoding.UTF8);
        var text = await body.ReadToEndAsync();
        using var request = new HttpRequestMessage(new HttpMethod(method), path + context.Request.QueryString);
        foreach (var (name, values) in context.Request.Headers)
        {
            if (!Unforwarded.Contains(name))
            {
                request.Headers.TryAddWithoutValidation(name, values.ToArray());
            }
        }

        if (text.Length > 0)
        {
            request.Content = new StringContent(RewriteAddresses(text), Encoding.UTF8, context.Request.ContentType is { } type ? type.Split(';')[0] : "application/json");
        }

        using var answer = await _http.SendAsync(request, context.RequestAborted);
        var status = (int)answer.StatusCode;
        if (faults.Contains(Faults.HideRefusals) && status is >= 400 and < 500 && method is "POST" or "PUT")
        {
            context.Response.StatusCode = method == "PUT" ? StatusCodes.Status204NoContent : StatusCodes.Status201Created;
            if (method == "POST")
            {
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(text.Length > 0 ? text : "{}");
            }

            return;
        }

        context.Response.StatusCode = status;
        foreach (var (name, values) in answer.Content.Headers.Concat(answer.Headers))
        {
            if (!Unforwarded.Contains(name))
            {
                context.Response.Headers[name] = values.ToArray();
            }
        }

        if (answer.Content.Headers.ContentType is { } contentType)
        {
            context.Response.ContentType = contentType.ToString();
        }

        await answer.Content.CopyToAsync(context.Response.Body);
    }

    private string RewriteAddresses(string text)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            return text;
        }

        if (root is not JsonObject json)
        {
            return text;
        }

        var changed = false;
        foreach (var field in AddressFields)
        {
            if (json[field] is JsonValue value && value.TryGetValue<string>(out var address) && IPEndPoint.TryParse(address, out var client) && client.Port > 0)
            {
                json[field] = clients.For(client).Local.ToString();
                changed = true;
            }
        }

        return changed ? json.ToJsonString() : text;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        _http.Dispose();
    }
}
