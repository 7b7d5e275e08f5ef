namespace Sip.Tests;

/// <summary>RFC 3261 §19.3: tags and branches are unique and random; they are drawn from per-thread blocks of random bytes.</summary>
public sealed class TagsTests
{
    [Test]
    public void TagsBranchesAndCallIdsDrawnOnManyThreadsAcrossManyBlocksAreAllDistinctLowerCaseHex()
    {
        const int perThread = 5_000;
        var drawn = new string[4][];
        Parallel.For(0, drawn.Length, new ParallelOptions { MaxDegreeOfParallelism = drawn.Length }, t =>
        {
            drawn[t] = Enumerable.Range(0, perThread).Select(i => (i % 3) switch { 0 => Tags.New(), 1 => Tags.NewBranch(), _ => Tags.NewCallId() }).ToArray();
        });
        var all = drawn.SelectMany(d => d).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(all.Distinct().Count(), Is.EqualTo(all.Count), "every token is new");
            Assert.That(all.Where(t => t.StartsWith(Tags.BranchMagicCookie, StringComparison.Ordinal)).Select(t => t.Length), Has.All.EqualTo(Tags.BranchMagicCookie.Length + 16));
            Assert.That(all.Select(t => t.StartsWith(Tags.BranchMagicCookie, StringComparison.Ordinal) ? t[Tags.BranchMagicCookie.Length..] : t), Has.All.Match("^[0-9a-f]{12}$|^[0-9a-f]{16}$|^[0-9a-f]{24}$"));
        });
    }

    [Test]
    public void TheRandomBitsAreSpreadEvenly()
    {
        // 20,000 tags of 48 bits: each bit position should be set about half of the time (a bias of a reused or
        // zeroed block shows up here: a zeroed block gives tags of all zeros).
        var counts = new int[48];
        for (var i = 0; i < 20_000; i++)
        {
            var bytes = Convert.FromHexString(Tags.New());
            for (var bit = 0; bit < 48; bit++)
            {
                counts[bit] += (bytes[bit / 8] >> (bit % 8)) & 1;
            }
        }

        Assert.That(counts, Has.All.InRange(9_400, 10_600));
    }
}
