using Labelling;
using Screening.Directory;

namespace Reference.Storage;

/// <summary>No durable store: benchmarks and tests that build a directory in memory and never restart it.</summary>
public sealed class MemoryOnlyStore : IDirectoryStore
{
    public static MemoryOnlyStore Instance { get; } = new();

    public string Description => "memory only (nothing kept across restarts)";

    public DirectorySnapshot Load() => DirectorySnapshot.Empty;

    public void AddEnterprise(Enterprise enterprise)
    {
    }

    public void AddTrunk(TrunkRecord trunk, IReadOnlyList<AllocatedRange> ranges)
    {
    }

    public void SaveConsent(Consent consent)
    {
    }

    public void AddRefusal(string enterpriseId, string callee)
    {
    }

    public void AddRoaming(IReadOnlyList<string> numbers)
    {
    }

    public void AddDoNotOriginate(IReadOnlyList<string> numbers)
    {
    }

    public void SaveSetting(string name, string json)
    {
    }

    public ILabelJournal Labels => NoLabelJournal.Instance;

    public IReadOnlyList<string> LabelOnlyCallees() => [];

    public void AddLabelOnlyCallees(IReadOnlyList<string> numbers)
    {
    }

    public IReadOnlyList<string> SigningPeers() => [];

    public void AddSigningPeer(string address)
    {
    }

    public void Dispose()
    {
    }
}
