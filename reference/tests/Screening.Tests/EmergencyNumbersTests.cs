using Screening.Numbering;

namespace Screening.Tests;

/// <summary>Which dialled numbers are emergency calls, in each form a callee's number arrives in.</summary>
public sealed class EmergencyNumbersTests
{
    [TestCase("110", true)]
    [TestCase("119", true)]
    [TestCase("+86120", true)]
    [TestCase("+86 122", true)]
    [TestCase("110;phone-context=+86", true)]
    [TestCase("1100", false)]
    [TestCase("+8611", false)]
    [TestCase("+1110", false)]
    [TestCase("13812345678", false)]
    [TestCase("", false)]
    public void OnlyTheFourEmergencyNumbersAreEmergencyCalls(string dialled, bool emergency) =>
        Assert.That(EmergencyNumbers.IsEmergency(dialled), Is.EqualTo(emergency));
}
