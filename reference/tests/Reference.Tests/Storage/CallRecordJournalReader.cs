using Reference.Storage;

namespace Reference.Tests.Storage;

/// <summary>The tests' way into a call-record journal file: what it holds, and records appended as a node would.</summary>
internal static class CallRecordJournalReader
{
    /// <summary>The records of a journal that has not gone back to its start, numbered from 1.</summary>
    public static IReadOnlyList<CallRecord> Read(string path) => CallRecordJournal.Read(path, 0, 0).Records;

    /// <summary>Makes the journal anew with <paramref name="records"/> numbered from 1, as a node that queued them would.</summary>
    public static void Append(string path, CallRecord[] records)
    {
        using var journal = new CallRecordJournal(path);
        for (var i = 0; i < records.Length; i++)
        {
            if (!journal.TryAppend(records[i], i + 1))
            {
                throw new InvalidOperationException($"The journal had no room for record {i + 1}");
            }
        }
    }
}
