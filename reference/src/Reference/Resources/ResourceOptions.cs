namespace Reference.Resources;

/// <summary>
/// Configuration section Resources: DisabledRules names the mutants that switch one rule of the resources profile off,
/// each existing only to prove the suite notices a node with that fault (reference/README.md, mutants).
/// </summary>
public sealed record ResourceOptions
{
    /// <summary>Allocations are made without looking at the holder's qualification (RES-QUA-001, RES-QUA-002).</summary>
    public const string QualificationMutant = "resources-qualification";

    /// <summary>Allocations are answered but not kept: queries find none (RES-ALC-001).</summary>
    public const string RecordMutant = "resources-record";

    /// <summary>A reissue to a new holder is answered but the earlier holder stays on record (RES-ALC-002).</summary>
    public const string ReissueMutant = "resources-reissue";

    /// <summary>Trunk audits flag nothing (RES-AUD-001).</summary>
    public const string AuditMutant = "resources-audit";

    /// <summary>A suspended trunk's calls go through (RES-SAN-001).</summary>
    public const string SanctionMutant = "resources-sanction";

    /// <summary>Lifting a suspension is answered but the trunk stays suspended (RES-SAN-002).</summary>
    public const string LiftMutant = "resources-lift";

    /// <summary>Listed enterprises still get allocations (RES-DIS-001).</summary>
    public const string DisciplineMutant = "resources-discipline";

    /// <summary>The list is not shared: a carrier sees and applies only its own entries (RES-DIS-001, RES-DIS-002).</summary>
    public const string ShareMutant = "resources-share";

    public static readonly string[] Mutants = [QualificationMutant, RecordMutant, ReissueMutant, AuditMutant, SanctionMutant, LiftMutant, DisciplineMutant, ShareMutant];

    public IReadOnlySet<string> DisabledRules { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    public bool ChecksQualifications => !DisabledRules.Contains(QualificationMutant);

    public bool KeepsAllocations => !DisabledRules.Contains(RecordMutant);

    public bool RecordsReissues => !DisabledRules.Contains(ReissueMutant);

    public bool Audits => !DisabledRules.Contains(AuditMutant);

    public bool Sanctions => !DisabledRules.Contains(SanctionMutant);

    public bool Lifts => !DisabledRules.Contains(LiftMutant);

    public bool ChecksDiscipline => !DisabledRules.Contains(DisciplineMutant);

    public bool SharesList => !DisabledRules.Contains(ShareMutant);

    public static ResourceOptions From(IConfiguration section)
    {
        var disabled = section.GetSection("DisabledRules").Get<string[]>() ?? [];
        var unknown = disabled.Where(d => !Mutants.Contains(d, StringComparer.OrdinalIgnoreCase)).ToArray();
        return unknown.Length > 0
            ? throw new InvalidOperationException($"Configuration Resources:DisabledRules names {string.Join(", ", unknown)}; those known are {string.Join(", ", Mutants)}.")
            : new ResourceOptions { DisabledRules = disabled.Select(d => d.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal) };
    }
}
