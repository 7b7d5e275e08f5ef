using Reference.Storage;
using Screening.Directory;

namespace Reference.Tests;

public sealed class RangeIndexTests
{
    [Test]
    public void EveryNumberFindsItsRangeAndGapsFindNone()
    {
        var directory = new InMemoryDirectory();
        directory.LoadRanges(Enumerable.Range(0, 1000).Select(i => new AllocatedRange(
            "138" + (i * 100L).ToString("D8", System.Globalization.CultureInfo.InvariantCulture),
            "138" + (i * 100L + 49).ToString("D8", System.Globalization.CultureInfo.InvariantCulture),
            "e" + i, InboundOnly: false)));
        directory.LoadRanges([new AllocatedRange("01062340000", "01062349999", "fixed", InboundOnly: false)]);

        Assert.Multiple(() =>
        {
            Assert.That(directory.RangeOf("13800000000")?.EnterpriseId, Is.EqualTo("e0"));
            Assert.That(directory.RangeOf("13800006449")?.EnterpriseId, Is.EqualTo("e64"), "the first range of the second block");
            Assert.That(directory.RangeOf("13800006349")?.EnterpriseId, Is.EqualTo("e63"), "the last range of the first block");
            Assert.That(directory.RangeOf("13800099949")?.EnterpriseId, Is.EqualTo("e999"));
            Assert.That(directory.RangeOf("13800006350"), Is.Null, "a gap between ranges");
            Assert.That(directory.RangeOf("13800099950"), Is.Null, "past the last range");
            Assert.That(directory.RangeOf("13799999999"), Is.Null, "before the first range");
            Assert.That(directory.RangeOf("01062345678")?.EnterpriseId, Is.EqualTo("fixed"), "numbers of another length");
        });
    }
}
