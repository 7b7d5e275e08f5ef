using Labelling;
using Screening.Directory;

namespace Reference.Storage;

/// <summary>
/// Where provisioned data lives durably. The node screens from memory (<see cref="InMemoryDirectory"/>) and only
/// loads from here on start and writes here, one transaction per provisioning request, before memory changes:
/// a write that fails throws <see cref="StorageException"/> and leaves both the store and memory as they were.
/// The records kept beside the directory (labels and appeals, callees' preferences, signing peers) go to the same
/// store, the same way.
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

    /// <summary>Reports, flags, declarations and appeals, in this same store.</summary>
    ILabelJournal Labels { get; }

    /// <summary>Callees who prefer labels to interception (national numbers).</summary>
    IReadOnlyList<string> LabelOnlyCallees();

    void AddLabelOnlyCallees(IReadOnlyList<string> numbers);

    /// <summary>Peers ("ip:port") that must sign every call.</summary>
    IReadOnlyList<string> SigningPeers();

    void AddSigningPeer(string address);

    /// <summary><see cref="AddEnterprise"/>, awaited: the caller's thread is free until the commit. A store with no waiting of its own writes as the blocking call does.</summary>
    Task AddEnterpriseAsync(Enterprise enterprise)
    {
        AddEnterprise(enterprise);
        return Task.CompletedTask;
    }

    /// <summary><see cref="AddTrunk"/>, awaited.</summary>
    Task AddTrunkAsync(TrunkRecord trunk, IReadOnlyList<AllocatedRange> ranges)
    {
        AddTrunk(trunk, ranges);
        return Task.CompletedTask;
    }

    /// <summary><see cref="SaveConsent"/>, awaited.</summary>
    Task SaveConsentAsync(Consent consent)
    {
        SaveConsent(consent);
        return Task.CompletedTask;
    }

    /// <summary><see cref="AddRefusal"/>, awaited.</summary>
    Task AddRefusalAsync(string enterpriseId, string callee)
    {
        AddRefusal(enterpriseId, callee);
        return Task.CompletedTask;
    }

    /// <summary><see cref="AddRoaming"/>, awaited.</summary>
    Task AddRoamingAsync(IReadOnlyList<string> numbers)
    {
        AddRoaming(numbers);
        return Task.CompletedTask;
    }

    /// <summary><see cref="AddDoNotOriginate"/>, awaited.</summary>
    Task AddDoNotOriginateAsync(IReadOnlyList<string> numbers)
    {
        AddDoNotOriginate(numbers);
        return Task.CompletedTask;
    }
}
