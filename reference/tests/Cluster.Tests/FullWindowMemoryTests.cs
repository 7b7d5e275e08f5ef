using Reference.Cluster;
using Screening.Counters;

namespace Cluster.Tests;

/// <summary>
/// A window a node has seen full in Redis is refused from its memory, with no round trip, exactly until the event whose
/// leaving frees a place has left; a place given back on any node reopens it on every node.
/// </summary>
[NonParallelizable]
public sealed class FullWindowMemoryTests : OnRedis
{
    private static readonly PairKey Bomber = new(NumberKey.Of("13712345678"), NumberKey.Of("13512345678"));
    [Test]
    public void AFullWindowIsRefusedFromMemoryUntilItsOldestEventLeaves()
    {
        using var node = Windows();
        var window = node.Open<PairKey>("test:full", TimeSpan.FromSeconds(60), capacity: 10);
        Assert.That(window.TryReserve(Bomber, Noon, limit: 2), Is.Not.Null);
        Assert.That(window.TryReserve(Bomber, Noon.AddSeconds(10), limit: 2)?.Count, Is.EqualTo(2), "the second call fills the window");
        var asked = node.Health.Operations;

        var refused = window.TryReserve(Bomber, Noon.AddSeconds(59.999), limit: 2);
        Assert.Multiple(() =>
        {
            Assert.That(refused, Is.Null, "a moment before the first call leaves the window");
            Assert.That(node.Health.RefusedFromMemoryCount, Is.EqualTo(1));
            Assert.That(node.Health.Operations, Is.EqualTo(asked), "Redis was not asked");
        });

        Assert.That(window.TryReserve(Bomber, Noon.AddSeconds(30), limit: 3), Is.Not.Null, "a higher limit is Redis's to answer, and it has room");
        Assert.That(window.TryReserve(Bomber, Noon.AddSeconds(40), limit: 3), Is.Null, "now full for 3 as well");
        var admitted = window.TryReserve(Bomber, Noon.AddSeconds(60), limit: 3);
        Assert.Multiple(() =>
        {
            Assert.That(admitted?.Count, Is.EqualTo(3), "the first call left the window at 60 s: a place again");
            Assert.That(node.Health.Operations, Is.GreaterThan(asked), "asked of Redis once the memory had run out");
            Assert.That(node.Health.Fallbacks, Is.Zero);
        });
    }

    [Test]
    public async Task APlaceGivenBackOnOneNodeReopensTheWindowOnEveryNode()
    {
        using var a = Windows();
        using var b = Windows();
        var onA = a.Open<PairKey>("test:release", TimeSpan.FromMinutes(10), capacity: 10);
        var onB = b.Open<PairKey>("test:release", TimeSpan.FromMinutes(10), capacity: 10);
        Assert.That(onA.TryReserve(Bomber, Noon, limit: 2), Is.Not.Null);
        var onBsPlace = onB.TryReserve(Bomber, Noon.AddSeconds(1), limit: 2);
        Assert.That(onBsPlace, Is.Not.Null);
        Assert.That(onA.TryReserve(Bomber, Noon.AddSeconds(2), limit: 2), Is.Null, "full: Redis refuses, and node a learns until when");
        Assert.That(onA.TryReserve(Bomber, Noon.AddSeconds(3), limit: 2), Is.Null);
        Assert.That(a.Health.RefusedFromMemoryCount, Is.EqualTo(1), "the second refusal on node a came from its memory");

        onB.Release(Bomber, onBsPlace!.Value);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        WindowReservation? reopened = null;
        for (var second = 4; reopened is null; second++)
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "node a never admitted the caller again after node b gave its place back");
            reopened = onA.TryReserve(Bomber, Noon.AddSeconds(second), limit: 2);
            if (reopened is null)
            {
                await Task.Delay(10);
            }
        }

        Assert.Multiple(() =>
        {
            Assert.That(reopened.Value.Count, Is.EqualTo(2), "the place given back, and no more");
            Assert.That(onB.TryReserve(Bomber, Noon.AddSeconds(30), limit: 2), Is.Null, "full again, on node b as well");
            Assert.That(a.Health.Fallbacks + b.Health.Fallbacks, Is.Zero);
        });
    }
}
