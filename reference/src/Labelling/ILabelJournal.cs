using Labelling.Appeals;

namespace Labelling;

/// <summary>
/// Where the <see cref="LabelBook"/> and the <see cref="AppealDesk"/> keep what they are told, durably. Each write
/// returns once it is kept, and is made before memory changes: when it throws, nothing was kept and nothing changes,
/// so an acknowledged request is never lost and a refused one leaves no trace. <see cref="Load"/> gives it all back
/// when the node starts.
/// </summary>
public interface ILabelJournal
{
    LabelRecords Load();

    void Reported(NumberReport report);

    /// <summary>
    /// <see cref="Reported"/>, awaited: the caller's thread is free while the write is kept. <paramref name="result"/>
    /// is what the report will come to once it counts, for a record written with it.
    /// </summary>
    ValueTask ReportedAsync(NumberReport report, ReportResult result);

    /// <summary>A number's first analytics flag since it was last cleared (later flags change nothing, so are not written).</summary>
    void Flagged(string number, LabelCategory category, DateTimeOffset at);

    /// <summary><see cref="Flagged"/>, awaited. A journal with no waiting of its own writes as <see cref="Flagged"/> does.</summary>
    ValueTask FlaggedAsync(string number, LabelCategory category, DateTimeOffset at)
    {
        Flagged(number, category, at);
        return ValueTask.CompletedTask;
    }

    /// <summary>One declaration of many numbers: all kept, or none.</summary>
    void Declared(IReadOnlyList<string> numbers, LabelCategory category, string enterprise, DateTimeOffset at);

    /// <summary><see cref="Declared"/>, awaited.</summary>
    ValueTask DeclaredAsync(IReadOnlyList<string> numbers, LabelCategory category, string enterprise, DateTimeOffset at)
    {
        Declared(numbers, category, enterprise, at);
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// An appeal filed or decided. When <paramref name="clearsLabel"/>, the number's label is cleared in the same
    /// write, as of the appeal's decision: its flag and declaration are gone, and reports up to then no longer count.
    /// </summary>
    void Appealed(Appeal appeal, bool clearsLabel);

    /// <summary><see cref="Appealed"/>, awaited.</summary>
    ValueTask AppealedAsync(Appeal appeal, bool clearsLabel)
    {
        Appealed(appeal, clearsLabel);
        return ValueTask.CompletedTask;
    }

    /// <summary>The carrier's allocation record of a number, newer than the one kept (which it replaces).</summary>
    void Allocated(Allocation allocation);
}
