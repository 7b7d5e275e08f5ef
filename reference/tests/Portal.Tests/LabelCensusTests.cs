using Labelling;
using Microsoft.Extensions.Time.Testing;
using Reference.Portal;

namespace Portal.Tests;

/// <summary>Labels per category are counted over the whole book and the count is kept for a while: a chart view does not count again.</summary>
public sealed class LabelCensusTests
{
    [Test]
    public void The_count_covers_every_labelled_number_and_is_kept_until_it_is_older_than_its_age()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 6, 2, 0, 0, TimeSpan.Zero));
        var book = new LabelBook(LabelParameters.Defaults);
        for (var i = 0; i < 150; i++)
        {
            book.Flag("1390000" + i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture), i % 3 == 0 ? LabelCategory.Fraud : LabelCategory.Advertising, time.GetUtcNow());
        }

        var census = new LabelCensus(book, PortalOptions.Defaults with { LabelCountsKeptFor = TimeSpan.FromSeconds(60) }, time);
        var first = census.Current();
        Assert.That((first.Of(LabelCategory.Fraud), first.Of(LabelCategory.Advertising), first.Of(LabelCategory.Loans)), Is.EqualTo((50L, 100L, 0L)));

        book.Flag("13911112222", LabelCategory.Loans, time.GetUtcNow());
        time.Advance(TimeSpan.FromSeconds(59));
        Assert.That(census.Current(), Is.SameAs(first), "within its age the kept count is answered, nothing is counted");

        time.Advance(TimeSpan.FromSeconds(1));
        var second = census.Current();
        Assert.That((second.Of(LabelCategory.Loans), second.At), Is.EqualTo((1L, time.GetUtcNow())), "counted again once a minute old");
    }
}
