using Screening;

namespace Reference.Storage;

/// <summary>A provisioned trunk: its enterprise, realm and (for access trunks) the source "ip:port" it is known by.</summary>
public sealed record TrunkRecord(string Id, string EnterpriseId, Realm Realm, string? Source);
