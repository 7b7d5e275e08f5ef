using System.Diagnostics;
using System.Globalization;
using Reference.Storage;

namespace Screening.Benchmarks;

/// <summary>
/// What writing call records costs the node: records queued at a steady rate, as screened calls queue them, for a
/// number of seconds; then the process's CPU time (every thread: the queueing and the writer) per record, and how many
/// were written and dropped. Prints figures; asserts nothing.
/// </summary>
public static class CallRecordCosts
{
    public static void Run(int perSecond, int seconds, string? postgres)
    {
        var file = Path.Combine(Path.GetTempPath(), $"call-record-costs-{Guid.NewGuid():N}.db");
        try
        {
            var database = postgres is null ? DirectoryStores.Sqlite(file).Database : DirectoryStores.PostgreSql(postgres).Database;
            Console.WriteLine($"store: {database.Description}; {perSecond} records/s for {seconds} s");
            var process = Process.GetCurrentProcess();
            var total = perSecond * seconds;
            var start = DateTimeOffset.UtcNow;
            long written, dropped;
            process.Refresh();
            var cpu0 = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            using (var writer = new CallRecordWriter(database))
            {
                for (var i = 0; i < total; i++)
                {
                    // Paced per millisecond: the writer sees records arrive as it would from calls.
                    var due = TimeSpan.FromSeconds((double)i / perSecond);
                    while (watch.Elapsed < due)
                    {
                        Thread.Sleep(1);
                    }

                    writer.TryRecord(new CallRecord(start.AddTicks(i), Realm.International, i % 2 == 0 ? "trunk-1" : null,
                        "+8613812345678", (13_900_000_000L + (i % 100_000)).ToString(CultureInfo.InvariantCulture), null,
                        string.Create(CultureInfo.InvariantCulture, $"{i}-4242@127.0.0.1"), "intercept", "abroad-spoofed"));
                }

                writer.Dispose();
                written = writer.Written;
                dropped = writer.Dropped;
            }

            process.Refresh();
            var cpu = process.TotalProcessorTime - cpu0;
            Console.WriteLine($"written {written}, dropped {dropped}, {watch.Elapsed.TotalSeconds:F1} s; CPU {cpu.TotalMilliseconds:F0} ms = {cpu.TotalMilliseconds * 1000 / total:F2} µs per record (pacing loop included)");
            database.Dispose();
        }
        finally
        {
            foreach (var path in new[] { file, file + "-wal", file + "-shm" })
            {
                File.Delete(path);
            }
        }
    }
}
