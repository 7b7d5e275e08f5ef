using System.Text.Json;
using Conformance.Harness.Adapters;
using Conformance.Harness.Labelling;
using Conformance.Harness.Tickets;
using Conformance.Specs.Support;
using NUnit.Framework;

namespace Conformance.Specs.Drivers;

/// <summary>
/// Sends reports through the SUT's management API and reads their tickets (REP-TKT, REP-DUP, REP-IDM, REP-ACL): the
/// carrier's intake (the suite's own key, naming the subscriber by phone number) for the phone and web channels and
/// most scenarios, and public reporters' app keys ($.management.roleTokenVariables reporter, another-reporter).
/// </summary>
public sealed class TicketDriver(SuiteRun run, ScenarioState state, TicketScenario tickets) : IDisposable
{
    private readonly Dictionary<string, TicketsClient> _clients = new(StringComparer.Ordinal);

    public const string Intake = "intake";

    public TicketsClient Client(string role = Intake)
    {
        if (_clients.TryGetValue(role, out var client))
        {
            return client;
        }

        var endpoints = run.RequireEndpoints();
        var url = endpoints.Management ?? throw new SutUnavailableException("the target declares no management API; add \"management\": { \"url\": \"http://…\" } to the target file");
        var token = role == Intake ? endpoints.ManagementToken
            : endpoints.RoleTokens.TryGetValue(role, out var key) ? key
            : throw new SutUnavailableException($"the suite was given no key of the role \"{role}\": name the environment variable holding one in $.management.roleTokenVariables.{role} of the target file, or declare REP-ACL absent");
        return _clients[role] = new TicketsClient(url, token);
    }

    /// <summary>A report of the scenario's caller by a subscriber through the carrier's intake; <paramref name="another"/> names a new subscriber.</summary>
    public Task<ApiAnswer> ReportAsync(string category, string channel, string text = "harassing calls, reported by the conformance suite", bool another = false, string? idempotencyKey = null)
    {
        if (another || tickets.Subscriber is null)
        {
            tickets.Subscriber = state.Numbers.DomesticMobile();
        }

        return SendAsync(new ReportBody(state.Caller, category, tickets.Subscriber, channel, text), idempotencyKey);
    }

    /// <summary>A report of the caller from the reporter's app, with the public reporter's key.</summary>
    public Task<ApiAnswer> AppReportAsync(string category) =>
        SendAsync(new ReportBody(state.Caller, category, null, "app", "reported in the app by the conformance suite"), null, "reporter");

    public Task<ApiAnswer> ResendAsync(ReportBody report, string? idempotencyKey) => SendAsync(report, idempotencyKey);

    public async Task<ApiAnswer> SendAsync(ReportBody report, string? idempotencyKey, string role = Intake)
    {
        var answer = await Client(role).ReportAsync(report, idempotencyKey, state.Evidence);
        tickets.LastReport = report;
        tickets.LastAnswer = answer;
        if (tickets.FirstAnswer is null)
        {
            tickets.FirstReport = report;
            tickets.FirstAnswer = answer;
        }

        if (tickets.TicketId is null && answer.Status == 201)
        {
            tickets.TicketId = answer.Field("ticket");
        }

        return answer;
    }

    /// <summary>The scenario's ticket as the carrier's operator reads it; it must be there.</summary>
    public async Task<JsonElement> TicketAsync(string role = Intake)
    {
        var answer = await Client(role).TicketAsync(TicketId, state.Evidence);
        Assert.That(answer.Status, Is.EqualTo(200), $"the ticket {TicketId} the report was answered with cannot be read: {answer.Status} {answer.Body}");
        return answer.Json;
    }

    public string TicketId
    {
        get
        {
            var first = tickets.FirstAnswer ?? throw new InvalidOperationException("The scenario sent no report.");
            Assert.That(tickets.TicketId, Is.Not.Null.And.Not.Empty, $"no report of the scenario was answered 201 with a ticket id; the first was answered {first.Status}: {first.Body}");
            return tickets.TicketId!;
        }
    }

    /// <summary>The tickets the system holds of <paramref name="number"/> (GET /v1/tickets?number=), as the carrier's operator sees them.</summary>
    public async Task<IReadOnlyList<JsonElement>> TicketsOfAsync(string number)
    {
        var answer = await Client().TicketsOfAsync(number, state.Evidence);
        Assert.That(answer.Status, Is.EqualTo(200), $"the tickets of {number} cannot be listed: {answer.Status} {answer.Body}");
        Assert.That(answer.Json.TryGetProperty("tickets", out var list) && list.ValueKind == JsonValueKind.Array, Is.True, $"the list has no \"tickets\" array: {answer.Body}");
        return [.. list.EnumerateArray()];
    }

    /// <summary>Records a step of the scenario's ticket with the carrier's key; it must be taken.</summary>
    public async Task StepAsync(string step)
    {
        var answer = await Client().StepAsync(TicketId, step, state.Evidence);
        Assert.That(answer.Status, Is.EqualTo(200), $"the ticket {TicketId} could not be recorded as {step}: {answer.Status} {answer.Body}");
    }

    public async Task<ApiAnswer> AttemptStepAsync(string step, string role = Intake) => await Client(role).StepAsync(TicketId, step, state.Evidence);

    public static void ExpectCreatedWithTicket(ApiAnswer? answer)
    {
        Assert.That(answer, Is.Not.Null, "the scenario sent no report");
        Assert.That(answer!.Status, Is.EqualTo(201), $"the report was not taken: {answer.Status} {answer.Body}");
        Assert.That(answer.Field("ticket"), Is.Not.Null.And.Not.Empty, $"the report's answer names no ticket: {answer.Body}");
    }

    public static void ExpectDuplicate(ApiAnswer answer, bool duplicate) =>
        Assert.That(answer.Json.TryGetProperty("duplicate", out var d) && d.ValueKind == (duplicate ? JsonValueKind.True : JsonValueKind.False), Is.True,
            $"the answer must say duplicate: {(duplicate ? "true" : "false")}: {answer.Body}");

    public static void ExpectProblem(ApiAnswer? answer, int status, string? field = null)
    {
        Assert.That(answer, Is.Not.Null, "nothing was attempted");
        Assert.That(answer!.Status, Is.EqualTo(status), $"the attempt was answered {answer.Status}, not {status}: {answer.Body}");
        Assert.That(answer.ContentType, Is.EqualTo("application/problem+json"), "a refusal must be problem+json (RFC 9457)");
        if (field is not null)
        {
            var errors = answer.Json.TryGetProperty("errors", out var e) ? e : default;
            Assert.That(errors.ValueKind == JsonValueKind.Object && errors.TryGetProperty(field, out _), Is.True, $"the problem does not name the field '{field}': {answer.Body}");
        }
    }

    /// <summary>The national significant number: systems may answer numbers with or without +86.</summary>
    public static string National(string? number)
    {
        var digits = new string((number ?? string.Empty).Where(char.IsAsciiDigit).ToArray());
        return digits.StartsWith("86", StringComparison.Ordinal) && digits.Length > 11 ? digits[2..] : digits;
    }

    public void Dispose()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }
    }
}
