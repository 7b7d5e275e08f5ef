using Reference.Storage;

namespace Reference.Tests.Storage;

/// <summary>The tests' way into a call-record journal file: what it holds, and records appended as a node would.</summary>
internal static class CallRecordJournalReader
{
    public static IReadOnlyList<CallRecord> Read(string path) => CallRecordJournal.Read(path, 0).Records;

    public static void Append(string path, CallRecord[] records)
    {
        using var journal = new CallRecordJournal(path);
        journal.Append(records);
    }
}
