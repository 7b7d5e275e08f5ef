namespace Screening.Directory;

/// <summary>Nothing provisioned: no trunk is known, no list holds anything.</summary>
public sealed class EmptyDirectory : IScreeningDirectory
{
    public static EmptyDirectory Instance { get; } = new();

    public Trunk? TrunkAt(string source) => null;

    public AllocatedRange? RangeOf(string national) => null;

    public bool IsRoaming(string national) => false;

    public bool IsDoNotOriginate(string national) => false;

    public bool HasConsent(string enterpriseId, string callee) => false;

    public bool IsRefused(string enterpriseId, string callee) => false;
}
