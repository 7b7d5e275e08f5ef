using Conformance.Harness.Adapters;
using Conformance.Harness.Evidence;
using Conformance.Harness.Targets;

namespace Conformance.Harness.Management;

/// <summary>
/// At the start of a run, puts the target file's rule parameters in force through the SUT's management API
/// (PUT /v1/parameters), so that a system started elsewhere is tested against the lab's thresholds, not its own.
/// Skipped when the SUT has no management API or declares capability INT-PAR absent. A system without the
/// operation (404, 405, 501) is taken to be configured otherwise, as the vendor guide asks, and its INT-PAR
/// scenarios say so; a system that refuses the lab's values (400) cannot be tested against them, so the run stops.
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
            var json = System.Text.Json.JsonSerializer.Serialize(ParametersBody.From(target.Parameters));
            var (status, _, body) = await api.TryAsync(HttpMethod.Put, "/v1/parameters", json, new EvidenceLog(TimeProvider.System));
            return status is 400 or 422
                ? $"the system under test refused the target file's parameters (PUT /v1/parameters answered {status}: {body}). Correct $.parameters in {target.SourcePath}, or declare \"{PicsCode}\": false in its pics if the system sets them otherwise"
                : null;
        }
        catch (SutUnavailableException ex)
        {
            return ex.Message;
        }
    }
}
