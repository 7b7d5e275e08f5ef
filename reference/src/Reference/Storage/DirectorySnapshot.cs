using Screening.Directory;

namespace Reference.Storage;

/// <summary>Everything a store holds, read once when the node starts. Refusals with an empty enterprise id are global.</summary>
public sealed record DirectorySnapshot(
    IReadOnlyList<Enterprise> Enterprises,
    IReadOnlyList<TrunkRecord> Trunks,
    IReadOnlyList<AllocatedRange> Ranges,
    IReadOnlyList<Consent> Consents,
    IReadOnlyList<(string EnterpriseId, string Callee)> Refusals,
    IReadOnlyList<string> Roaming,
    IReadOnlyList<string> DoNotOriginate,
    IReadOnlyDictionary<string, string> Settings)
{
    public static DirectorySnapshot Empty { get; } = new([], [], [], [], [], [], [], new Dictionary<string, string>());
}
