using Labelling.Appeals;

namespace Labelling.Tests;

/// <summary>
/// A journal in memory that keeps what the store keeps (every report; the first flag and the last declaration of a
/// number, both gone at a clear; the last clear; appeals by id), and that can be made to refuse every write.
/// </summary>
public sealed class KeepingJournal : ILabelJournal
{
    private readonly List<NumberReport> _reports = [];
    private readonly Dictionary<string, (LabelCategory, DateTimeOffset)> _flags = [];
    private readonly Dictionary<string, (LabelCategory, string, DateTimeOffset)> _declarations = [];
    private readonly Dictionary<string, DateTimeOffset> _clears = [];
    private readonly Dictionary<string, Appeal> _appeals = [];
    private readonly Dictionary<string, Allocation> _allocations = [];

    public bool Refusing { get; set; }

    public int Writes { get; private set; }

    public LabelRecords Load() => new(
        [.. _reports],
        _flags.Select(f => (f.Key, f.Value.Item1, f.Value.Item2)).ToList(),
        _declarations.Select(d => (d.Key, d.Value.Item1, d.Value.Item2, d.Value.Item3)).ToList(),
        _clears.Select(c => (c.Key, c.Value)).ToList(),
        [.. _appeals.Values],
        [.. _allocations.Values]);

    public void Reported(NumberReport report)
    {
        Check();
        _reports.Add(report);
    }

    public ValueTask ReportedAsync(NumberReport report, ReportResult result)
    {
        Reported(report);
        Results.Add(result);
        return ValueTask.CompletedTask;
    }

    /// <summary>What each awaited report was told it would come to, in order.</summary>
    public List<ReportResult> Results { get; } = [];

    public void Flagged(string number, LabelCategory category, DateTimeOffset at)
    {
        Check();
        _flags.TryAdd(number, (category, at));
    }

    public void Declared(IReadOnlyList<string> numbers, LabelCategory category, string enterprise, DateTimeOffset at)
    {
        Check();
        foreach (var number in numbers)
        {
            _declarations[number] = (category, enterprise, at);
        }
    }

    public void Appealed(Appeal appeal, bool clearsLabel)
    {
        Check();
        if (clearsLabel)
        {
            _flags.Remove(appeal.Number);
            _declarations.Remove(appeal.Number);
            _clears[appeal.Number] = appeal.DecidedAt!.Value;
        }

        _appeals[appeal.Id] = appeal;
    }

    public void Allocated(Allocation allocation)
    {
        Check();
        _allocations[allocation.Number] = allocation;
    }

    private void Check()
    {
        if (Refusing)
        {
            throw new IOException("refused by the test");
        }

        Writes++;
    }
}
