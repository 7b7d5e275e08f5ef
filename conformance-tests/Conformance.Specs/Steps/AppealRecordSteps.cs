using Conformance.Specs.Drivers;
using TechTalk.SpecFlow;

namespace Conformance.Specs.Steps;

/// <summary>The allocation records a reissued-number appeal is checked against (LAB-APL-001, LAB-APL-005).</summary>
[Binding]
public sealed class AppealRecordSteps(AppealRecordDriver records)
{
    [Given(@"the carrier has recorded the caller's number passing from its earlier holder to ""(.+)"" after the label")]
    public Task GivenReissued(string holder) => records.ReissuedAfterTheLabelAsync(holder);

    [Given(@"the carrier has recorded the caller's number as held by ""(.+)"" since before the label")]
    public Task GivenHeldBefore(string holder) => records.HeldSinceBeforeTheLabelAsync(holder);
}
