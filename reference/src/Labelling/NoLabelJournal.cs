using Labelling.Appeals;

namespace Labelling;

/// <summary>Keeps nothing: for tests and benchmarks that never restart a book.</summary>
public sealed class NoLabelJournal : ILabelJournal
{
    public static NoLabelJournal Instance { get; } = new();

    public LabelRecords Load() => LabelRecords.Empty;

    public void Reported(NumberReport report)
    {
    }

    public ValueTask ReportedAsync(NumberReport report, ReportResult result) => ValueTask.CompletedTask;

    public void Flagged(string number, LabelCategory category, DateTimeOffset at)
    {
    }

    public void Declared(IReadOnlyList<string> numbers, LabelCategory category, string enterprise, DateTimeOffset at)
    {
    }

    public void Appealed(Appeal appeal, bool clearsLabel)
    {
    }

    public void Allocated(Allocation allocation)
    {
    }
}
