using Labelling;

namespace Labelling.Tests;

/// <summary>
/// A lookup must leave nothing behind in the store. A store of a million numbers lives in the old generation; a
/// lookup that stores a fresh object into it (a cached view of a dictionary, a memo) makes every later young
/// collection scan the store, which is what once cost lookups 100 ms pauses. The first lookup of a number must
/// therefore allocate exactly what the second one does.
/// </summary>
public sealed class LabelBookHeapTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);

    [TestCase("reports")]
    [TestCase("analytics")]
    [TestCase("declaration")]
    public void TheFirstLookupOfANumberAllocatesNoMoreThanTheNext(string source)
    {
        var book = new LabelBook(LabelParameters.Defaults with { Reporters = 2 });
        string[] numbers = ["13800138000", "13800138001"];
        foreach (var number in numbers)
        {
            switch (source)
            {
                case "reports":
                    book.Report(new NumberReport(number, LabelCategory.Fraud, "a", "app", "", T0));
                    book.Report(new NumberReport(number, LabelCategory.Fraud, "b", "app", "", T0));
                    break;
                case "analytics":
                    book.Flag(number, LabelCategory.Harassment, T0);
                    break;
                default:
                    book.Declare(number, LabelCategory.Delivery, "courier", T0);
                    break;
            }
        }

        // The first number warms every code path up, so the second measures the store alone.
        Assert.That(book.Lookup(numbers[0], T0), Is.Not.Null);
        var first = Allocated(() => book.Lookup(numbers[1], T0));
        var second = Allocated(() => book.Lookup(numbers[1], T0));
        Assert.That(first, Is.EqualTo(second), $"the first lookup of a {source} label allocated {first - second} bytes more than the next");
    }

    private static long Allocated(Func<Label?> lookup)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var label = lookup();
        var after = GC.GetAllocatedBytesForCurrentThread();
        Assert.That(label, Is.Not.Null);
        return after - before;
    }
}
