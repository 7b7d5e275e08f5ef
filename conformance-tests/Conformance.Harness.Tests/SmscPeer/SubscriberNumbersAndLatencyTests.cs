using Conformance.Harness.ShortMessages;

namespace Conformance.Harness.Tests.SmscPeer;

public class SubscriberNumbersAndLatencyTests
{
    [TestCase("+8613800138000", "13800138000", true)]
    [TestCase("008613800138000", "8613800138000", true)]
    [TestCase("13800138000", "13800138001", false)]
    [TestCase("8610086", "8610086", true)]
    public void Destinations_compare_as_numbers(string a, string b, bool same) =>
        Assert.That(SubscriberNumbers.Same(a, b), Is.EqualTo(same));

    [Test]
    public void A_distribution_reports_nearest_rank_percentiles()
    {
        var samples = Enumerable.Range(1, 100).Select(i => TimeSpan.FromMilliseconds(i)).Reverse();

        var distribution = LatencyDistribution.Of(samples);

        Assert.That(distribution, Is.EqualTo(new LatencyDistribution(100, TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(95), TimeSpan.FromMilliseconds(99), TimeSpan.FromMilliseconds(100))));
        Assert.That(distribution.ToString(), Is.EqualTo("n=100 p50=50.0 ms p95=95.0 ms p99=99.0 ms max=100.0 ms"));
        Assert.That(LatencyDistribution.Of([]).Count, Is.Zero);
    }
}
