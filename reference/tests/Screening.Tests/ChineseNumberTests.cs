using Screening.Numbering;

namespace Screening.Tests;

public sealed class ChineseNumberTests
{
    [TestCase("+8613812345678")]
    [TestCase("8613812345678")]
    [TestCase("008613812345678")]
    [TestCase("13812345678")]
    [TestCase("+861012345678")]
    [TestCase("01012345678")]
    [TestCase("075512345678")]
    [TestCase("+86-138-1234-5678")]
    public void NationalNumbersInEveryFormAreRecognised(string presented) =>
        Assert.That(ChineseNumber.IsNational(presented), Is.True);

    [TestCase("+14155550123")]
    [TestCase("0014155550123")]
    [TestCase("+442079460958")]
    [TestCase("+85221234567")]
    [TestCase("anonymous")]
    [TestCase("")]
    [TestCase("12345678901")]
    public void ForeignAndNonNumbersAreNot(string presented) =>
        Assert.That(ChineseNumber.IsNational(presented), Is.False);
}
