using System.Text.Json;
using Conformance.Harness.Management;
using Conformance.Specs.Support;

namespace Conformance.Specs.Drivers;

/// <summary>Records a callee's choice of labels over interception through the SUT's management API.</summary>
public sealed class CalleePreferenceDriver(SuiteRun run, ScenarioState state)
{
    public async Task PreferLabelsAsync(string callee)
    {
        var body = JsonSerializer.Serialize(new { numbers = new[] { callee } });
        var (status, _, answer) = await run.RequireManagement().TryAsync(HttpMethod.Post, "/v1/label-only-callees", body, state.Evidence);
        if (status is not (200 or 201))
        {
            throw new ManagementException($"POST /v1/label-only-callees was answered {status}: {answer}");
        }
    }
}
