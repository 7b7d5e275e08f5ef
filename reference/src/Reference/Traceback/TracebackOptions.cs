namespace Reference.Traceback;

/// <summary>
/// Configuration section CallRecords: whether every screened call is recorded, for how long records are kept
/// (RetentionDays, default 184: at least six months, MIIT work plan Nov 2018), and the mutants that switch a part off
/// to prove the suite notices (DisabledRules).
/// </summary>
public sealed record TracebackOptions
{
    /// <summary>Mutant: no call is recorded.</summary>
    public const string RecordMutant = "traceback-record";

    /// <summary>Mutant: records name no originating trunk (the call's source is not looked up).</summary>
    public const string TrunkMutant = "traceback-trunk";

    /// <summary>Mutant: records are kept for ever, the retention neither swept nor applied to queries.</summary>
    public const string RetentionMutant = "traceback-retention";

    /// <summary>Mutant: any key may query call records, whatever its role.</summary>
    public const string AccessMutant = "traceback-access";

    public const int DefaultRetentionDays = 184;

    /// <summary>Every traceback mutant, as the node's Mutants list names them (<see cref="MutantSwitches"/>).</summary>
    public static readonly string[] Mutants = [RecordMutant, TrunkMutant, RetentionMutant, AccessMutant];

    public TimeSpan Retention { get; init; } = TimeSpan.FromDays(DefaultRetentionDays);

    public IReadOnlySet<string> DisabledRules { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    public bool Records => !DisabledRules.Contains(RecordMutant);

    public bool NamesTrunks => !DisabledRules.Contains(TrunkMutant);

    public bool Retains => !DisabledRules.Contains(RetentionMutant);

    /// <summary>Who may query: the regulator and the carrier's operator (TRC-ACL-001), or every role under the access mutant.</summary>
    public Access.Role[] Readers => DisabledRules.Contains(AccessMutant)
        ? [.. Access.Roles.All.Where(r => r != Access.Role.Administrator)]
        : [Access.Role.Regulator, Access.Role.CarrierOperator];

    public static TracebackOptions From(IConfiguration section)
    {
        var days = section.GetValue("RetentionDays", (double)DefaultRetentionDays);
        if (!(days > 0 && days <= 36_600))
        {
            throw new InvalidOperationException($"CallRecords:RetentionDays must be more than 0 and at most 36600 days, found {days}");
        }

        return new TracebackOptions
        {
            Retention = TimeSpan.FromDays(days),
            DisabledRules = (section.GetSection("DisabledRules").Get<string[]>() ?? []).ToHashSet(StringComparer.Ordinal),
        };
    }
}
