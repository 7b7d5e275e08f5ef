using Reference.Access;

namespace Reference.Storage;

/// <summary>
/// Rows another node wrote that screening never reads but the API does: API keys issued or revoked, appeals filed or
/// decided (by id; each is read as it stands), STIR signing peers added.
/// </summary>
public sealed record ChangeFeedRecords(
    IReadOnlyList<(ApiKey Key, string Hash)> ApiKeys,
    IReadOnlyList<string> AppealIds,
    IReadOnlyList<string> SigningPeers)
{
    public bool Any => ApiKeys.Count > 0 || AppealIds.Count > 0 || SigningPeers.Count > 0;
}
