using Conformance.Specs.Drivers;
using TechTalk.SpecFlow;

namespace Conformance.Specs.Hooks;

/// <summary>A scenario that replaced a year of the SUT's holiday calendar puts it back as it found it, passed or failed.</summary>
[Binding]
public sealed class TicketCalendarHooks(TicketDeadlineDriver deadlines)
{
    [AfterScenario("reporting")]
    public Task RestoreCalendar() => deadlines.RestoreCalendarAsync();
}
