using Conformance.Harness.Evidence;
using Conformance.Harness.Labelling;
using Conformance.Harness.Management;

namespace Conformance.Harness.Resources;

/// <summary>
/// The suite's client of the resources endpoints of the management API (spec/api/openapi.yaml, 0.5.0): qualifications,
/// allocations, the joint-discipline list, trunk suspensions and audits. Every exchange goes into the scenario's
/// evidence; answers are returned whatever their status, so scenarios can judge refusals.
/// </summary>
public sealed class ResourcesClient : IDisposable
{
    private readonly ApiChannel _api;

    /// <param name="bearerToken">A key from the target's named variable; sent on every request, never recorded.</param>
    public ResourcesClient(Uri baseUrl, string? bearerToken) => _api = new ApiChannel(baseUrl, bearerToken);

    public Task<ApiAnswer> QualifyAsync(string enterprise, string? businessScope, string? connectsTo, string? use, DateTimeOffset? validUntil, EvidenceLog log) =>
        SendAsync(HttpMethod.Post, "/v1/qualifications", new { enterprise, businessScope, connectsTo, use, validUntil }, log);

    public Task<ApiAnswer> AllocateNumberAsync(string number, string holder, DateTimeOffset? since, EvidenceLog log) =>
        SendAsync(HttpMethod.Post, "/v1/allocations", new { number, holder, since }, log);

    public Task<ApiAnswer> AllocateBlockAsync(string first, string last, string trunk, string holder, EvidenceLog log) =>
        SendAsync(HttpMethod.Post, "/v1/allocations", new { block = new { first, last }, trunk, holder }, log);

    /// <summary>The allocations on record of one number, holder or trunk: <paramref name="by"/> is "number", "holder" or "trunk".</summary>
    public Task<ApiAnswer> AllocationsAsync(string by, string value, EvidenceLog log) =>
        SendAsync(HttpMethod.Get, $"/v1/allocations?{by}={Uri.EscapeDataString(value)}", null, log);

    public Task<ApiAnswer> ListAsync(string enterprise, string reason, EvidenceLog log) =>
        SendAsync(HttpMethod.Post, "/v1/discipline-list", new { enterprise, reason }, log);

    public Task<ApiAnswer> ListingsAsync(string enterprise, EvidenceLog log) =>
        SendAsync(HttpMethod.Get, "/v1/discipline-list?enterprise=" + Uri.EscapeDataString(enterprise), null, log);

    public Task<ApiAnswer> SuspendAsync(string trunk, string reason, EvidenceLog log) =>
        SendAsync(HttpMethod.Put, $"/v1/trunks/{Uri.EscapeDataString(trunk)}/suspension", new { reason }, log);

    public Task<ApiAnswer> LiftAsync(string trunk, EvidenceLog log) =>
        SendAsync(HttpMethod.Delete, $"/v1/trunks/{Uri.EscapeDataString(trunk)}/suspension", null, log);

    public Task<ApiAnswer> AuditAsync(string trunk, DateTimeOffset from, DateTimeOffset to, EvidenceLog log) =>
        SendAsync(HttpMethod.Get, $"/v1/trunks/{Uri.EscapeDataString(trunk)}/audit?from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(to.ToString("O"))}", null, log);

    public void Dispose() => _api.Dispose();

    private Task<ApiAnswer> SendAsync(HttpMethod method, string path, object? body, EvidenceLog log) =>
        _api.SendAsync(method, path, body, log);
}
