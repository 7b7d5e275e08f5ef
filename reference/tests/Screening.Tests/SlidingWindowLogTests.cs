using Screening.Counters;

namespace Screening.Tests;

public sealed class SlidingWindowLogTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 15, 2, 0, 0, TimeSpan.Zero);

    [Test]
    public void CountsOnlyEventsInsideTheWindowExactlyAtItsEdge()
    {
        var log = new SlidingWindowLog<long>(TimeSpan.FromMinutes(1), 10);
        log.Add(1, T0);
        log.Add(1, T0.AddSeconds(30));

        Assert.Multiple(() =>
        {
            Assert.That(log.Count(1, T0.AddSeconds(59)), Is.EqualTo(2));
            Assert.That(log.Count(1, T0.AddSeconds(60)), Is.EqualTo(1), "an event exactly one window old has left the window");
            Assert.That(log.Count(1, T0.AddSeconds(90)), Is.Zero);
            Assert.That(log.Count(2, T0), Is.Zero);
        });
    }

    [Test]
    public void KeepsAtMostItsCapacityPerKey()
    {
        var log = new SlidingWindowLog<long>(TimeSpan.FromMinutes(1), 3);
        for (var i = 0; i < 10; i++)
        {
            log.Add(7, T0.AddSeconds(i));
        }

        Assert.That(log.Count(7, T0.AddSeconds(10)), Is.EqualTo(3));
    }

    [Test]
    public void CountsDistinctValues()
    {
        var log = new SlidingWindowLog<long>(TimeSpan.FromMinutes(10), 40);
        foreach (var callee in new long[] { 5, 6, 5, 7, 6 })
        {
            log.Add(1, T0, callee);
        }

        Assert.That(log.DistinctValues(1, T0), Is.EqualTo(3));
    }

    [Test]
    public void KeysWhoseEventsLeftTheWindowAreEvicted()
    {
        var log = new SlidingWindowLog<long>(TimeSpan.FromMinutes(1), 10);
        for (var key = 0; key < 1000; key++)
        {
            log.Add(key, T0);
        }

        log.Add(-1, T0.AddMinutes(2));
        log.Add(-2, T0.AddMinutes(2));

        Assert.That(log.Keys, Is.EqualTo(2), "the sweep after a window keeps only keys with recent events");
    }

    [TestCase(1)]
    [TestCase(3)]
    [TestCase(50)]
    [TestCase(100_000)]
    public void CountsAgreeWithAPlainListOfEventsOverALongRun(int capacity)
    {
        // A long bombing run through one pair, times a little out of order as concurrent screening gives them, with
        // the window sliding all along: the log must count exactly what a plain list of the kept events counts.
        var window = TimeSpan.FromSeconds(10);
        var log = new SlidingWindowLog<long>(window, capacity);
        var model = new List<(long Key, DateTimeOffset At, long Value)>();
        var random = new Random(20181122);
        var clock = T0;
        for (var i = 0; i < 5_000; i++)
        {
            clock = clock.AddMilliseconds(random.Next(0, 5));
            var at = clock.AddMilliseconds(-random.Next(0, 3));
            var key = random.Next(0, 3);
            var value = random.Next(0, 4);
            log.Add(key, at, value);
            model.RemoveAll(e => e.Key == key && e.At.UtcTicks <= at.UtcTicks - window.Ticks);
            model.Add((key, at, value));
            var kept = model.Where(e => e.Key == key).OrderBy(e => e.At).ToList();
            if (kept.Count > capacity)
            {
                model.Remove(kept[0]);
            }

            var probe = random.Next(0, 3);
            var from = clock - window;
            var expected = model.Where(e => e.Key == probe && e.At > from).ToList();
            Assert.That(log.Count(probe, clock), Is.EqualTo(expected.Count), $"count of key {probe} after {i + 1} events");
            Assert.That(log.DistinctValues(probe, clock), Is.EqualTo(expected.Select(e => e.Value).Distinct().Count()), $"distinct values of key {probe} after {i + 1} events");
        }
    }
}
