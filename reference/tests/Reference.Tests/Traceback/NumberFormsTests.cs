using Reference.Storage;
using Reference.Traceback;
using Screening;

namespace Reference.Tests.Traceback;

/// <summary>
/// A traceback query by caller or callee finds a number's calls in whichever form each call presented it: national,
/// +86, 0086 or 86 (a fixed line without its trunk prefix after the country code), and a foreign number with + or 00.
/// </summary>
public sealed class NumberFormsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 6, 9, 0, 0, TimeSpan.Zero);

    [TestCase("13912345678")]
    [TestCase("+8613912345678")]
    [TestCase("008613912345678")]
    [TestCase("8613912345678")]
    public async Task AMobileCallerIsFoundInEveryFormWhicheverFormIsAsked(string asked)
    {
        var found = await FindAsync("calling", asked, ["13912345678", "+8613912345678", "008613912345678", "8613912345678", "13912345679"]);

        Assert.That(found, Is.EquivalentTo(new[] { "13912345678", "+8613912345678", "008613912345678", "8613912345678" }));
    }

    [TestCase("01062345678")]
    [TestCase("+861062345678")]
    [TestCase("00861062345678")]
    public async Task AFixedLineCalleeIsFoundWithAndWithoutItsTrunkPrefix(string asked)
    {
        var found = await FindAsync("called", asked, ["01062345678", "+861062345678", "00861062345678", "02162345678"]);

        Assert.That(found, Is.EquivalentTo(new[] { "01062345678", "+861062345678", "00861062345678" }));
    }

    [TestCase("+14155550123")]
    [TestCase("0014155550123")]
    public async Task AForeignCallerIsFoundWithPlusOrDoubleZero(string asked)
    {
        var found = await FindAsync("calling", asked, ["+14155550123", "0014155550123", "14155550123"]);

        Assert.That(found, Is.EquivalentTo(new[] { "+14155550123", "0014155550123" }));
    }

    [Test]
    public async Task WhatThePlanCannotReadIsSearchedAsGiven()
    {
        var found = await FindAsync("calling", "anonymous", ["anonymous", "13912345678"]);

        Assert.That(found, Is.EqualTo(new[] { "anonymous" }));
    }

    /// <summary>Writes one call per number in <paramref name="numbers"/> (as caller or callee) and returns that column of the calls found.</summary>
    private static async Task<List<string>> FindAsync(string column, string asked, string[] numbers)
    {
        using var database = DirectoryStores.Sqlite(":memory:").Database;
        using var writer = new CallRecordWriter(database, linger: TimeSpan.Zero);
        for (var i = 0; i < numbers.Length; i++)
        {
            var (calling, called) = column == "calling" ? (numbers[i], "13800000000") : ("13700000000", numbers[i]);
            Assert.That(writer.TryRecord(new CallRecord(T0.AddSeconds(i), Realm.Access, null, calling, called, null, $"call-{i}", "forward", "admitted")), Is.True);
        }

        var search = new CallRecordSearch(database, writer, new FixedTime(T0.AddMinutes(1)), new TracebackOptions());
        var found = await search.FindAsync(new TracebackQuery(column, asked, T0.AddHours(-1), T0.AddHours(1), 100), CancellationToken.None);
        return found.Select(c => column == "calling" ? c.Calling : c.Called).ToList();
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
