using Conformance.Harness.Adapters;
using Conformance.Harness.Evidence;
using Conformance.Harness.Targets;

namespace Conformance.Harness.Management;

/// <summary>
/// At the start of a run, puts the target file's rule parameters in force through the SUT's management API
/// (PUT /v1/parameters), so that a system started elsewhere is tested against the lab's thresholds, not its own.
/// Skipped when the SUT has no management API or declares capability INT-PAR absent.
/// </summary>
public static class ParametersPush
{
    public const string PicsCode = "INT-PAR";

    /// <summary>Null when the parameters are in force (or need not be pushed); otherwise why the run cannot go on.</summary>
    public static async Task<string?> RefusalAsync(TargetFile target, SutEndpoints endpoints)
    {
        if (endpoints.Management is not { } url || (target.Pics.TryGetValue(PicsCode, out var declared) && !declared))
        {
            return null;
        }

        using var api = new ManagementClient(url, endpoints.ManagementToken);
        try
        {
            await api.SetParametersAsync(target.Parameters, new EvidenceLog(TimeProvider.System));
            return null;
        }
        catch (Exception ex) when (ex is ManagementException or SutUnavailableException)
        {
            return $"the system under test did not take the target file's parameters (PUT /v1/parameters): {ex.Message}. Correct $.parameters in {target.SourcePath}, or declare \"{PicsCode}\": false in its pics if the system sets them otherwise";
        }
    }
}
