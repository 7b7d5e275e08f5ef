namespace Reference.Resources;

/// <summary>
/// A change of the <see cref="ResourceLedger"/> being written: what it reads or writes (keys such as an enterprise's
/// listings or a trunk's sanction, and a range of numbers), so that only a change that touches the same records waits for
/// it, and the way to wait (<see cref="Done"/>, completed once the write is kept or refused).
/// </summary>
internal sealed class ResourceClaim(IReadOnlyList<string> keys, string? first = null, string? last = null)
{
    public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static string Listings(string enterprise) => "listings:" + enterprise;

    public static string QualificationOf(string enterprise) => "qualification:" + enterprise;

    public static string Sanction(string trunk) => "sanction:" + trunk;

    public bool Meets(ResourceClaim other) =>
        keys.Any(k => other.Keys.Contains(k, StringComparer.Ordinal))
        || (first is not null && other.First is not null && first.Length == other.First.Length
            && string.CompareOrdinal(first, other.Last) <= 0 && string.CompareOrdinal(last, other.First) >= 0);

    private IReadOnlyList<string> Keys => keys;

    private string? First => first;

    private string? Last => last;
}
