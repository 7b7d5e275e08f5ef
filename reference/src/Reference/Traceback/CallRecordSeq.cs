using System.Globalization;
using Reference.Storage;

namespace Reference.Traceback;

/// <summary>
/// Finds where in the order of <c>seq</c> a time falls, without an index on <c>at</c>: records are numbered as they are
/// stored, and stored in the order they were made, so <c>at</c> grows with <c>seq</c>, and a binary search over the
/// primary key finds the first record at or after a time in some 25 reads of one row each, however many records there
/// are. Records written by several nodes on one server interleave by up to a batch (a second): a record a little older
/// than its neighbours is then found on the newer side, and the retention sweep deletes it a second or so later.
/// </summary>
public static class CallRecordSeq
{
    /// <summary>
    /// A seq such that every record numbered below it was made before <paramref name="microseconds"/> and the record
    /// numbered at it (or the next one that exists) was not; one past the newest when all are older, and 0 when there are
    /// none. Call inside <see cref="SqlDatabase.Reading{T}"/>.
    /// </summary>
    public static long FirstAtOrAfter(SqlDatabase database, long microseconds)
    {
        var bounds = database.Read("SELECT MIN(seq), MAX(seq) FROM call_records", r => r.IsDBNull(0) ? ((long, long)?)null : (Long(r.GetValue(0)), Long(r.GetValue(1))));
        if (bounds[0] is not var (low, newest))
        {
            return 0;
        }

        // Invariant: every record below low is older than the time; the answer is at most high.
        var high = newest + 1;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            var next = database.Read(
                "SELECT seq, at FROM call_records WHERE seq >= @seq ORDER BY seq LIMIT 1",
                r => (Seq: Long(r.GetValue(0)), At: Long(r.GetValue(1))),
                ("@seq", middle));
            if (next.Count == 0 || next[0].At >= microseconds)
            {
                // No record in [middle, found) exists: below middle or below the one found is the same set.
                high = middle;
            }
            else
            {
                low = next[0].Seq + 1;
            }
        }

        return low;
    }

    private static long Long(object value) => Convert.ToInt64(value, CultureInfo.InvariantCulture);
}
