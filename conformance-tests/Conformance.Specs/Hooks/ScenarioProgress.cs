namespace Conformance.Specs.Hooks;

/// <summary>Raised as each scenario starts, so a runner can show the one running now.</summary>
public static class ScenarioProgress
{
    public static event Action<string, string>? Started;

    internal static void RaiseStarted(string feature, string scenario) => Started?.Invoke(feature, scenario);
}
