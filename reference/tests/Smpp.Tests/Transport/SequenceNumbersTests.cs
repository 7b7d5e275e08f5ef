using Smpp.Transport;

namespace Smpp.Tests.Transport;

public class SequenceNumbersTests
{
    [Test]
    public void Numbers_start_at_one_and_wrap_after_0x7FFFFFFF()
    {
        var fresh = new SequenceNumbers();
        var nearEnd = new SequenceNumbers(SequenceNumbers.Max - 1);

        Assert.That(fresh.Next(), Is.EqualTo(1));
        Assert.That(fresh.Next(), Is.EqualTo(2));
        Assert.That(nearEnd.Next(), Is.EqualTo(SequenceNumbers.Max));
        Assert.That(nearEnd.Next(), Is.EqualTo(1), "0 is never issued: SMPP 3.4 reserves it");
    }
}
