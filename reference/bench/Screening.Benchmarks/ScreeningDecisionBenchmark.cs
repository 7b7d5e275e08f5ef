using BenchmarkDotNet.Attributes;

namespace Screening.Benchmarks;

/// <summary>
/// One screening decision with every rule on, the directory loaded as in <see cref="LoadedDirectory"/>: a
/// marketing call that passes every rule (the longest path), a domestic call, and a call intercepted early.
/// </summary>
[MemoryDiagnoser]
public class ScreeningDecisionBenchmark
{
    private ScreeningPipeline _pipeline = null!;
    private ICallObserver[] _observers = [];
    private CallAttempt[] _marketing = [];
    private CallAttempt[] _interconnect = [];
    private CallAttempt[] _doNotOriginate = [];
    private int _i;

    [GlobalSetup]
    public void Setup()
    {
        var directory = LoadedDirectory.Build();
        _pipeline = ScreeningPipeline.CreateDefault(directory, ScreeningParameters.Defaults);
        _observers = _pipeline.Observers.ToArray();
        var at = new DateTimeOffset(2026, 1, 15, 10, 0, 0, TimeSpan.FromHours(8));
        var random = new Random(7);
        _marketing = Enumerable.Range(0, 4096).Select(i =>
        {
            var e = random.Next(LoadedDirectory.Enterprises) / 7 * 7; // sector Finance: every rule applies
            return new CallAttempt(Realm.Access, LoadedDirectory.Number(e, random.Next(1000)), null, "15912345678", LoadedDirectory.Source(e), "m" + i, at);
        }).ToArray();
        _interconnect = Enumerable.Range(0, 4096).Select(i =>
            new CallAttempt(Realm.Interconnect, "1380" + random.Next(10_000_000).ToString("D7", System.Globalization.CultureInfo.InvariantCulture), null, "1590" + random.Next(10_000_000).ToString("D7", System.Globalization.CultureInfo.InvariantCulture), "192.0.2.1:5060", "i" + i, at)).ToArray();
        _doNotOriginate = Enumerable.Range(0, 4096).Select(i =>
            new CallAttempt(Realm.Interconnect, "17" + (100_000_000 + random.Next(LoadedDirectory.DoNotOriginate)).ToString("D9", System.Globalization.CultureInfo.InvariantCulture), null, "15912345678", "192.0.2.1:5060", "d" + i, at)).ToArray();
    }

    [Benchmark(Baseline = true, Description = "marketing call, every rule passes")]
    public ScreeningDecision Marketing() => _pipeline.Screen(Fresh(_marketing));

    [Benchmark(Description = "domestic call from a carrier")]
    public ScreeningDecision Interconnect() => _pipeline.Screen(Fresh(_interconnect));

    [Benchmark(Description = "do-not-originate number")]
    public ScreeningDecision DoNotOriginate() => _pipeline.Screen(Fresh(_doNotOriginate));

    [Benchmark(Description = "domestic call, decision + counters updated")]
    public ScreeningDecision InterconnectCounted()
    {
        var call = Fresh(_interconnect);
        var decision = _pipeline.Screen(call);
        foreach (var observer in _observers)
        {
            observer.OnScreened(call, decision);
        }

        return decision;
    }

    /// <summary>A copy, so that the numbers are read against the plan again, as for a real new call.</summary>
    private CallAttempt Fresh(CallAttempt[] calls)
    {
        var c = calls[_i++ & 4095];
        return new CallAttempt(c.Realm, c.PresentedNumber, c.AssertedNumber, c.CalledNumber, c.Source, c.CallId, c.At);
    }
}
