using Screening.Rules;

namespace Screening.Tests;

/// <summary>A host's wrapper around a rule (ScreeningPipeline.Decorate) outlives a reconfiguration, and the rule under it keeps counting.</summary>
public sealed class DecorationTests
{
    private static readonly DateTimeOffset Noon = new(2026, 1, 15, 12, 0, 0, TimeSpan.FromHours(8));

    [Test]
    public void AWrappedRuleIsStillWrappedAfterReconfigureAndStillSeesTheCalls()
    {
        var pipeline = ScreeningPipeline.CreateDefault(new FakeDirectory(), ScreeningParameters.Defaults);
        var wrappers = new List<Admitting>();
        pipeline.Decorate(rule =>
        {
            if (rule.Id != RuleIds.Bombing)
            {
                return rule;
            }

            var wrapper = new Admitting(rule);
            wrappers.Add(wrapper);
            return wrapper;
        });

        Assert.That(pipeline.Reconfigure(ScreeningParameters.Defaults with { BombingLimit = 1 }), Is.Null);
        var first = Call("b1", Noon);
        pipeline.OnScreened(first, pipeline.Screen(first));
        var second = pipeline.Screen(Call("b2", Noon.AddSeconds(1)));

        Assert.Multiple(() =>
        {
            Assert.That(second.IsIntercepted, Is.False, "the wrapper built for the new rule set admits the call");
            Assert.That(wrappers, Has.Count.EqualTo(2), "one wrapper for the first rule set, one for the reconfigured one");
            Assert.That(wrappers[^1].Seen, Is.EqualTo(new[] { null, "call-bombing" }), "the rule under the wrapper counted the first call");
        });
    }

    private static CallAttempt Call(string id, DateTimeOffset at) =>
        new(Realm.Interconnect, "13712345678", null, "13612345678", "198.51.100.1:5060", id, at);

    /// <summary>Admits every call, and keeps what the rule it wraps would have decided.</summary>
    private sealed class Admitting(IScreeningRule inner) : IScreeningRule
    {
        public List<string?> Seen { get; } = [];

        public string Id => inner.Id;

        public ScreeningDecision? Evaluate(CallAttempt call)
        {
            Seen.Add(inner.Evaluate(call)?.Reason);
            return null;
        }
    }
}
