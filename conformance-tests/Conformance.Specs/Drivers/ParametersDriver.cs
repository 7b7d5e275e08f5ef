using System.Text.Json;
using Conformance.Specs.Support;
using NUnit.Framework;

namespace Conformance.Specs.Drivers;

/// <summary>The rule parameters through the management API (GET/PUT /v1/parameters): attempts to set them, and what is in force.</summary>
public sealed class ParametersDriver(SuiteRun run, ScenarioState state)
{
    private (int Status, string ContentType, string Body)? _answer;

    public async Task AttemptAsync(string json) =>
        _answer = await run.RequireManagement().TryAsync(HttpMethod.Put, "/v1/parameters", json, state.Evidence);

    public void ExpectRefused(string field)
    {
        var answer = _answer ?? throw new InvalidOperationException("No attempt to set parameters was made in this scenario.");
        Assert.That(answer.Status, Is.EqualTo(400), $"PUT /v1/parameters with an impossible value was answered {answer.Status}: {answer.Body}");
        Assert.That(answer.ContentType, Is.EqualTo("application/problem+json"), "the refusal is problem+json (RFC 9457)");
        using var problem = JsonDocument.Parse(answer.Body);
        Assert.That(problem.RootElement.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out _), Is.True,
            $"the refusal names the field {field} under \"errors\": {answer.Body}");
    }

    /// <summary>What GET /v1/parameters answers equals the target file's parameters (pushed at the start of the run).</summary>
    public async Task ExpectTargetParametersInForceAsync()
    {
        var p = run.Target.Parameters;
        using var answer = await run.RequireManagement().ParametersAsync(state.Evidence);
        var root = answer.RootElement;
        double Value(string group, string name) => root.GetProperty(group).GetProperty(name).GetDouble();
        Assert.Multiple(() =>
        {
            Assert.That(Value("oneRing", "callees"), Is.EqualTo(p.OneRingCallees), "oneRing.callees");
            Assert.That(Value("oneRing", "ringSeconds"), Is.EqualTo(p.OneRingSeconds), "oneRing.ringSeconds");
            Assert.That(Value("oneRing", "windowMinutes"), Is.EqualTo(p.OneRingWindowMinutes), "oneRing.windowMinutes");
            Assert.That(Value("oneRing", "maxAnswers"), Is.EqualTo(p.OneRingMaxAnswers), "oneRing.maxAnswers");
            Assert.That(Value("bombing", "limit"), Is.EqualTo(p.BombingLimit), "bombing.limit");
            Assert.That(Value("bombing", "windowSeconds"), Is.EqualTo(p.BombingWindowSeconds), "bombing.windowSeconds");
            Assert.That(Value("marketing", "shortLimit"), Is.EqualTo(p.MarketingShortLimit), "marketing.shortLimit");
            Assert.That(Value("marketing", "shortWindowMinutes"), Is.EqualTo(p.MarketingShortWindowMinutes), "marketing.shortWindowMinutes");
            Assert.That(Value("marketing", "dailyLimit"), Is.EqualTo(p.MarketingDailyLimit), "marketing.dailyLimit");
            Assert.That(Value("marketing", "consentRetentionDays"), Is.EqualTo(p.ConsentRetentionDays), "marketing.consentRetentionDays");
            Assert.That(root.GetProperty("marketing").GetProperty("callingHours").GetString(), Is.EqualTo(p.CallingHours), "marketing.callingHours");
        });
    }
}
