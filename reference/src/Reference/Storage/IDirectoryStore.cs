using Screening.Directory;

namespace Reference.Storage;

/// <summary>
/// Where provisioned data lives durably. The node screens from memory (<see cref="InMemoryDirectory"/>) and only
/// loads from here on start and writes here, one transaction per provisioning request, before memory changes:
/// a write that fails throws <see cref="StorageException"/> and leaves both the store and memory as they were.
/// </summary>
public interface IDirectoryStore : IDisposable
{
    /// <summary>What the store is, for logs and errors ("SQLite file /var/lib/…", "PostgreSQL host=…").</summary>
    string Description { get; }

    DirectorySnapshot Load();

    void AddEnterprise(Enterprise enterprise);

    void AddTrunk(TrunkRecord trunk, IReadOnlyList<AllocatedRange> ranges);

    /// <summary>Records the consent, replacing an earlier one of the same enterprise and callee.</summary>
    void SaveConsent(Consent consent);

    /// <summary>A refusal; <paramref name="enterpriseId"/> is empty for a global refusal (谢绝来电).</summary>
    void AddRefusal(string enterpriseId, string callee);

    void AddRoaming(IReadOnlyList<string> numbers);

    void AddDoNotOriginate(IReadOnlyList<string> numbers);

    /// <summary>Stores a named settings document (the screening parameters set through the API), replacing the last.</summary>
    void SaveSetting(string name, string json);
}
