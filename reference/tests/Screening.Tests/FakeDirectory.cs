using Screening.Directory;

namespace Screening.Tests;

/// <summary>A directory the tests fill by hand.</summary>
internal sealed class FakeDirectory : IScreeningDirectory
{
    public Dictionary<string, Trunk> Trunks { get; } = [];

    public List<AllocatedRange> Ranges { get; } = [];

    public HashSet<string> Roaming { get; } = [];

    public HashSet<string> DoNotOriginate { get; } = [];

    public HashSet<(string, string)> Consents { get; } = [];

    public HashSet<(string, string)> Refusals { get; } = [];

    public Trunk? TrunkAt(string source) => Trunks.GetValueOrDefault(source);

    public AllocatedRange? RangeOf(string national) => Ranges.FirstOrDefault(r => r.Contains(national));

    public bool IsRoaming(string national) => Roaming.Contains(national);

    public bool IsDoNotOriginate(string national) => DoNotOriginate.Contains(national);

    public bool HasConsent(string enterpriseId, string callee) => Consents.Contains((enterpriseId, callee));

    public bool IsRefused(string enterpriseId, string callee) => Refusals.Contains((enterpriseId, callee)) || Refusals.Contains((string.Empty, callee));
}
