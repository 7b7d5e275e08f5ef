using Conformance.Specs.Drivers;
using TechTalk.SpecFlow;

namespace Conformance.Specs.Hooks;

/// <summary>Closes the browser the portal scenarios opened, once the run is over.</summary>
[Binding]
public static class WebRunHooks
{
    [AfterTestRun(Order = 0)]
    public static Task CloseBrowserAsync() => WebDriver.CloseBrowserAsync();
}
