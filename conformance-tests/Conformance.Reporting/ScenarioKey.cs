namespace Conformance.Reporting;

/// <summary>
/// Names one scenario or outline example across runs: its feature's title and its expanded name (example values put in
/// place, as the hooks and <see cref="SpecScenarios"/> both name it), which stay stable while the spec does.
/// </summary>
public static class ScenarioKey
{
    public static string Of(string feature, string scenario) => feature + "\u001f" + scenario;
}
