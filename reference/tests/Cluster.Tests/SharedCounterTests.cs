using Reference.Cluster;
using Screening;
using Screening.Counters;
using Screening.Directory;
using StackExchange.Redis;

namespace Cluster.Tests;

/// <summary>
/// The rate rules' counters in a real redis-server, seen by two pipelines standing for two nodes: a count made on one
/// is in force on the other, keys expire with their window, and an outage is screened through on local counts.
/// </summary>
[NonParallelizable]
public sealed class SharedCounterTests : OnRedis
{
    [Test]
    public void ABombersCallsCountOnWhicheverNodeScreensThem()
    {
        using var a = Windows();
        using var b = Windows();
        var parameters = ScreeningParameters.Defaults with { BombingLimit = 4 };
        var nodes = new[] { Pipeline(a, parameters), Pipeline(b, parameters) };

        for (var i = 0; i < 4; i++)
        {
            var node = nodes[i % 2];
            var call = Call("13712345678", "13512345678", Noon.AddSeconds(i));
            var decision = node.Screen(call);
            Assert.That(decision.IsIntercepted, Is.False, $"call {i + 1} of 4 is within the limit");
            node.OnScreened(call, decision);
        }

        Assert.Multiple(() =>
        {
            Assert.That(nodes[0].Screen(Call("13712345678", "13512345678", Noon.AddSeconds(5))).Reason, Is.EqualTo("call-bombing"), "the 5th call on node a");
            Assert.That(nodes[1].Screen(Call("13712345678", "13512345678", Noon.AddSeconds(5))).Reason, Is.EqualTo("call-bombing"), "the 5th call on node b");
            Assert.That(nodes[1].Screen(Call("13712345678", "13512345678", Noon.AddSeconds(64))).IsIntercepted, Is.False, "once the window slid past the first calls");
            Assert.That(a.Health.Operations + b.Health.Operations, Is.GreaterThan(0));
            Assert.That(a.Health.Fallbacks + b.Health.Fallbacks, Is.Zero);
        });
    }

    [Test]
    public void AKeyExpiresWithItsWindowAndKeepsAtMostItsCapacity()
    {
        using var windows = Windows();
        var window = windows.Open<long>("test:expiry", TimeSpan.FromSeconds(30), capacity: 3);
        for (var i = 0; i < 5; i++)
        {
            window.Add(42, Noon.AddSeconds(i), value: i);
        }

        var database = windows.Database;
        var ttl = database.KeyTimeToLive("rc:test:expiry:30:42");
        Assert.Multiple(() =>
        {
            Assert.That(ttl, Is.Not.Null.And.GreaterThan(TimeSpan.FromSeconds(25)).And.LessThanOrEqualTo(TimeSpan.FromSeconds(31)));
            Assert.That(database.SortedSetLength("rc:test:expiry:30:42"), Is.EqualTo(3), "capacity");
            Assert.That(window.Count(42, Noon.AddSeconds(5)), Is.EqualTo(3));
            Assert.That(window.DistinctValues(42, Noon.AddSeconds(5)), Is.EqualTo(3), "values 2, 3 and 4");
            Assert.That(window.Count(42, Noon.AddSeconds(33)), Is.EqualTo(1), "only the event at 4 s is within 30 s of 33 s");
        });
    }

    [Test]
    public async Task WhenRedisStopsNodesScreenOnLocalCountsAndReplayThemWhenItReturns()
    {
        using var a = Windows();
        using var b = Windows();
        var parameters = ScreeningParameters.Defaults with { BombingLimit = 3 };
        var nodeA = Pipeline(a, parameters);
        var nodeB = Pipeline(b, parameters);
        Admit(nodeA, Call("13712345678", "13512345678", Noon));

        await Redis.StopAsync();
        await Poll.Eventually(() => !a.Health.Connected, TimeSpan.FromSeconds(15), "node a notices the outage");
        Admit(nodeA, Call("13712345678", "13512345678", Noon.AddSeconds(1)));
        Admit(nodeA, Call("13712345678", "13512345678", Noon.AddSeconds(2)));
        var duringOutage = nodeA.Screen(Call("13712345678", "13512345678", Noon.AddSeconds(3)));
        var emergency = nodeA.Screen(Call("13712345678", "110", Noon.AddSeconds(3)));
        Assert.Multiple(() =>
        {
            Assert.That(duringOutage.Reason, Is.EqualTo("call-bombing"), "node a's own three calls still count on node a");
            Assert.That(emergency.IsIntercepted, Is.False);
            Assert.That(a.Health.Fallbacks, Is.GreaterThan(0));
            Assert.That(a.Health.Backlog, Is.EqualTo(2));
        });

        await Redis.StartAgainAsync();
        await Poll.Eventually(() => a.Health.Connected && b.Health.Connected && a.Health.Backlog == 0, TimeSpan.FromSeconds(15),
            () => $"both nodes reconnect and node a replays its outage (a: connected {a.Health.Connected}, backlog {a.Health.Backlog}, error {a.Health.LastError}; b: connected {b.Health.Connected})");
        Assert.That(nodeB.Screen(Call("13712345678", "13512345678", Noon.AddSeconds(4))).Reason, Is.EqualTo("call-bombing"),
            "the calls node a counted during the outage are in force on node b once Redis is back");
        Assert.That(a.Health.Replayed, Is.EqualTo(2));
    }

    [Test]
    public async Task APlaceGivenBackDuringAnOutageIsReplayedBehindItsAdd()
    {
        using var a = Windows();
        var parameters = ScreeningParameters.Defaults with { BombingLimit = 3 };
        var nodeA = Pipeline(a, parameters);
        await Redis.StopAsync();
        await Poll.Eventually(() => !a.Health.Connected, TimeSpan.FromSeconds(15), "node a notices the outage");
        Admit(nodeA, Call("13712345678", "13512345678", Noon));
        var refusedLater = Call("13712345678", "13512345678", Noon.AddSeconds(1));
        Assert.That(nodeA.Screen(refusedLater).IsIntercepted, Is.False);
        nodeA.OnScreened(refusedLater, ScreeningDecision.Intercept("stir", "identity-required", "a later gate refused the call"));

        await Redis.StartAgainAsync();
        await Poll.Eventually(() => a.Health.Connected && a.Health.Backlog == 0, TimeSpan.FromSeconds(15),
            () => $"node a reconnects and replays its outage (backlog {a.Health.Backlog}, error {a.Health.LastError})");
        var key = $"rc:bombing:{(long)parameters.BombingWindow.TotalSeconds}:{NumberKey.Of("13712345678")}:{NumberKey.Of("13512345678")}";
        Assert.Multiple(() =>
        {
            Assert.That(a.Health.Replayed, Is.EqualTo(3), "two adds and the place given back");
            Assert.That(a.Database.SortedSetLength(key), Is.EqualTo(1), "only the call that went through is counted");
        });
    }

    [Test]
    public async Task AFlagRaisedOnOneNodeIsHeldInEveryNodesMemory()
    {
        using var nodes = await FlagRaisedOnOneOfTwoNodes(4242);
        var onB = nodes.OnB;

        using var late = Windows();
        var onLate = late.OpenFlags(TwoNodeFlags.Window, TwoNodeFlags.Length);
        Assert.Multiple(() =>
        {
            Assert.That(onLate.Count(4242, Noon.AddSeconds(1)), Is.EqualTo(1), "a node that joins later reads the flags standing");
            Assert.That(onB.Count(4242, Noon.AddMinutes(11)), Is.Zero, "the flag ends with its window");
            Assert.That(onB.Count(4243, Noon.AddSeconds(1)), Is.Zero, "another caller is not flagged");
        });
    }

    [Test]
    public void EmergencyCallsNeverReachTheCounters()
    {
        var windows = new RecordingWindows();
        var pipeline = ScreeningPipeline.CreateDefault(EmptyDirectory.Instance, ScreeningParameters.Defaults, windows: windows);
        var call = Call("13712345678", "110", Noon);
        var decision = pipeline.Screen(call);
        pipeline.OnScreened(call, decision);
        pipeline.OnAlerting(call, Noon);
        pipeline.OnEnded(call, CallEnd.Cancelled, Noon.AddSeconds(1));
        var ordinary = Call("13712345678", "13512345678", Noon);
        Admit(pipeline, ordinary);

        Assert.Multiple(() =>
        {
            Assert.That(decision.RuleId, Is.EqualTo(ScreeningPipeline.EmergencyBypassId));
            Assert.That(windows.Operations, Is.Not.Empty, "an ordinary call does reach them");
            Assert.That(windows.Operations, Has.None.Contains("110"), "no counter saw the emergency call");
        });
    }

    private static ScreeningPipeline Pipeline(IEventWindows windows, ScreeningParameters parameters) =>
        ScreeningPipeline.CreateDefault(EmptyDirectory.Instance, parameters, windows: windows);

    private static CallAttempt Call(string caller, string callee, DateTimeOffset at) =>
        new(Realm.Interconnect, caller, null, callee, "198.51.100.1:5060", $"{caller}-{callee}-{at.ToUnixTimeMilliseconds()}", at);

    private static void Admit(ScreeningPipeline pipeline, CallAttempt call)
    {
        var decision = pipeline.Screen(call);
        Assert.That(decision.IsIntercepted, Is.False, $"{call.CallId} should be admitted");
        pipeline.OnScreened(call, decision);
    }

    /// <summary>In-process windows that note every key they are asked about.</summary>
    private sealed class RecordingWindows : IEventWindows
    {
        public System.Collections.Concurrent.ConcurrentBag<string> Operations { get; } = [];

        public IEventWindow<TKey> Open<TKey>(string name, TimeSpan window, int capacity)
            where TKey : notnull, IEquatable<TKey> => new Recording<TKey>(this, name, new SlidingWindowLog<TKey>(window, capacity));

        private sealed class Recording<TKey>(RecordingWindows owner, string name, SlidingWindowLog<TKey> inner) : IEventWindow<TKey>
            where TKey : notnull, IEquatable<TKey>
        {
            public TimeSpan Window => inner.Window;

            public int Add(TKey key, DateTimeOffset at, long value = 0)
            {
                owner.Operations.Add($"{name} add {Describe(key)}");
                return inner.Add(key, at, value);
            }

            public WindowReservation? TryReserve(TKey key, DateTimeOffset at, int limit, long value = 0)
            {
                owner.Operations.Add($"{name} reserve {Describe(key)}");
                return inner.TryReserve(key, at, limit, value);
            }

            public void Release(TKey key, WindowReservation reservation)
            {
                owner.Operations.Add($"{name} release {Describe(key)}");
                inner.Release(key, reservation);
            }

            public int Count(TKey key, DateTimeOffset at)
            {
                owner.Operations.Add($"{name} count {Describe(key)}");
                return inner.Count(key, at);
            }

            public int DistinctValues(TKey key, DateTimeOffset at)
            {
                owner.Operations.Add($"{name} distinct {Describe(key)}");
                return inner.DistinctValues(key, at);
            }

            // Keys are packed numbers ("1" + digits): unpacked so that the test can look for the callee.
            private static string Describe(TKey key) => key is PairKey pair ? $"{Unpack(pair.First)}>{Unpack(pair.Second)}" : Unpack((long)(object)key);

            private static string Unpack(long packed) => packed > 0 ? packed.ToString(System.Globalization.CultureInfo.InvariantCulture)[1..] : "hash";
        }
    }
}
