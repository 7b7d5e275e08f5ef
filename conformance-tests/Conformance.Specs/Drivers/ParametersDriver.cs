using System.Text.Json;
using Conformance.Harness.Management;
using Conformance.Harness.Targets;
using Conformance.Specs.Support;
using NUnit.Framework;

namespace Conformance.Specs.Drivers;

/// <summary>The rule parameters through the management API (GET/PUT /v1/parameters): attempts to set them, and what is in force.</summary>
public sealed class ParametersDriver(SuiteRun run, ScenarioState state)
{
    private (int Status, string ContentType, string Body)? _answer;

    /// <summary>What the lab set in this scenario; null until it set something, and again once the target's are restored.</summary>
    public RuleParameters? Set { get; private set; }

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

    /// <summary>
    /// Reads the parameters in force and sets others that differ, field by field, from them and from the defaults, so
    /// that a system that ignored the PUT (or answered with its defaults) cannot be taken for one that applied it.
    /// </summary>
    public async Task SetDifferentAsync()
    {
        using var before = await run.RequireManagement().ParametersAsync(state.Evidence);
        var inForce = Read(before.RootElement);
        var set = ParameterChoice.Different(inForce, new RuleParameters());
        var (status, _, body) = await run.RequireManagement().TryAsync(HttpMethod.Put, "/v1/parameters", JsonSerializer.Serialize(ParametersBody.From(set)), state.Evidence);
        Set = set;
        Assert.That(status, Is.InRange(200, 299), $"PUT /v1/parameters with possible values was answered {status}: {body}");
    }

    /// <summary>What GET /v1/parameters answers equals the target file's parameters (pushed at the start of the run).</summary>
    public Task ExpectTargetParametersInForceAsync() => ExpectInForceAsync(run.Target.Parameters);

    public Task ExpectSetParametersInForceAsync() =>
        ExpectInForceAsync(Set ?? throw new InvalidOperationException("The lab set no parameters in this scenario."));

    /// <summary>Puts the target file's parameters back in force after a scenario that set others; later scenarios count on them.</summary>
    public async Task RestoreAsync()
    {
        if (Set is null)
        {
            return;
        }

        Set = null;
        await run.RequireManagement().SetParametersAsync(run.Target.Parameters, state.Evidence);
    }

    private async Task ExpectInForceAsync(RuleParameters p)
    {
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

    private static RuleParameters Read(JsonElement root)
    {
        int Value(string group, string name) => root.GetProperty(group).GetProperty(name).GetInt32();
        return new RuleParameters
        {
            OneRingCallees = Value("oneRing", "callees"),
            OneRingSeconds = Value("oneRing", "ringSeconds"),
            OneRingWindowMinutes = Value("oneRing", "windowMinutes"),
            OneRingMaxAnswers = Value("oneRing", "maxAnswers"),
            BombingLimit = Value("bombing", "limit"),
            BombingWindowSeconds = Value("bombing", "windowSeconds"),
            MarketingShortLimit = Value("marketing", "shortLimit"),
            MarketingShortWindowMinutes = Value("marketing", "shortWindowMinutes"),
            MarketingDailyLimit = Value("marketing", "dailyLimit"),
            ConsentRetentionDays = Value("marketing", "consentRetentionDays"),
            CallingHours = root.GetProperty("marketing").GetProperty("callingHours").GetString() ?? string.Empty,
        };
    }
}
