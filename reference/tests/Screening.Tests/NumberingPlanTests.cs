using Conformance.Fixtures;
using Screening.Numbering;

namespace Screening.Tests;

public sealed class NumberingPlanTests
{
    [TestCase("13812345678", NumberKind.Mobile, "13812345678")]
    [TestCase("+8613812345678", NumberKind.Mobile, "13812345678")]
    [TestCase("008613812345678", NumberKind.Mobile, "13812345678")]
    [TestCase("8613812345678", NumberKind.Mobile, "13812345678")]
    [TestCase("138-1234-5678", NumberKind.Mobile, "13812345678")]
    [TestCase("01062345678", NumberKind.FixedLine, "01062345678")]
    [TestCase("+861062345678", NumberKind.FixedLine, "01062345678")]
    [TestCase("02162345678", NumberKind.FixedLine, "02162345678")]
    [TestCase("95588", NumberKind.Service, "95588")]
    [TestCase("96110", NumberKind.Service, "96110")]
    [TestCase("4008123456", NumberKind.Service, "4008123456")]
    [TestCase("10086", NumberKind.Service, "10086")]
    [TestCase("110", NumberKind.Emergency, "110")]
    [TestCase("+14155550123", NumberKind.Foreign, "+14155550123")]
    [TestCase("0014155550123", NumberKind.Foreign, "+14155550123")]
    public void WellFormedNumbersAreRecognised(string presented, NumberKind kind, string national)
    {
        var check = NumberingPlan.Check(presented);

        Assert.That((check.Kind, check.National, check.Problem), Is.EqualTo((kind, national, (string?)null)));
    }

    [TestCase("1381234567", NumberProblem.WrongLength)]
    [TestCase("138123456789", NumberProblem.WrongLength)]
    [TestCase("15412345678", NumberProblem.Unallocated)]
    [TestCase("14012345678", NumberProblem.Unallocated)]
    [TestCase("12012345678", NumberProblem.Unallocated)]
    [TestCase("060012345678", NumberProblem.Unallocated)]
    [TestCase("010623456789", NumberProblem.WrongLength)]
    [TestCase("62345678", NumberProblem.NotDiallable)]
    [TestCase("138ABCD5678", NumberProblem.Malformed)]
    [TestCase("", NumberProblem.Malformed)]
    [TestCase("+", NumberProblem.Malformed)]
    [TestCase("4001234", NumberProblem.WrongLength)]
    public void NonStandardNumbersAreRefusedWithTheirProblem(string presented, string problem)
    {
        var check = NumberingPlan.Check(presented);

        Assert.That((check.Kind, check.Problem), Is.EqualTo((NumberKind.Invalid, problem)));
    }

    [Test]
    public void EveryNumberTheFixturesDrawIsValid()
    {
        var faker = new NumberFaker("numbering-plan");
        var invalid = Enumerable.Range(0, 2000)
            .SelectMany(_ => new[] { faker.DomesticMobile(), faker.DomesticFixedLine() })
            .Where(n => !NumberingPlan.Check(n).IsDomestic)
            .Distinct()
            .Take(10)
            .ToList();

        Assert.That(invalid, Is.Empty);
    }

    /// <summary>The fixtures' named kinds of calling number are what they say they are, for many seeds.</summary>
    [Test]
    public void TheFixturesNamedNumberKindsAreWhatTheySay()
    {
        var wrong = new List<string>();
        for (var seed = 0; seed < 200; seed++)
        {
            var faker = new NumberFaker("kinds-" + seed);
            wrong.AddRange(CallingNumberKinds.WellFormed.Select(k => (k, n: CallingNumberKinds.Make(k, faker))).Where(x => !NumberingPlan.Check(x.n).IsDomestic).Select(x => $"{x.k}: {x.n}"));
            wrong.AddRange(CallingNumberKinds.NonStandard.Select(k => (k, n: CallingNumberKinds.Make(k, faker))).Where(x => NumberingPlan.Check(x.n).IsValid).Select(x => $"{x.k}: {x.n}"));
        }

        Assert.That(wrong.Distinct().Take(10), Is.Empty);
    }
}
