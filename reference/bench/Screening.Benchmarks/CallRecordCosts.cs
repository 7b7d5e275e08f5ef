using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Reference.Storage;

namespace Screening.Benchmarks;

/// <summary>
/// What writing call records costs the node: records queued at a steady rate, as screened calls queue them, for a
/// number of seconds; then the process's CPU time (every thread: the queueing and the writer) per record, and how many
/// were written and dropped. The records are built before the clock starts and queued in bursts every 10 ms, so that
/// what is measured is the queue and the writer, not the loop that feeds them. Prints figures; asserts nothing.
/// </summary>
public static class CallRecordCosts
{
    /// <summary>CPU time of the writer's thread (named "call records"), from /proc; 0 where there is none.</summary>
    private static long WriterThreadMicros()
    {
        foreach (var task in System.IO.Directory.Exists("/proc/self/task") ? System.IO.Directory.GetDirectories("/proc/self/task") : [])
        {
            if (File.ReadAllText(Path.Combine(task, "comm")).Trim() == "call records")
            {
                var fields = File.ReadAllText(Path.Combine(task, "stat")).Split(')')[^1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                return ticks * 1_000_000 / 100;
            }
        }

        return 0;
    }

    /// <summary>
    /// CPU time of the calling thread in microseconds (getrusage, RUSAGE_THREAD): the queueing thread's share, a
    /// microsecond or so a record, is too small for the 10 ms ticks of /proc; 0 where there is no such call.
    /// </summary>
    private static long ThisThreadMicros()
    {
        if (!OperatingSystem.IsLinux() || GetRusage(ThreadUsage, out var usage) != 0)
        {
            return 0;
        }

        return (usage.UserSeconds + usage.SystemSeconds) * 1_000_000 + usage.UserMicros + usage.SystemMicros;
    }

    private const int ThreadUsage = 1;

    [DllImport("libc", EntryPoint = "getrusage", ExactSpelling = true)]
    private static extern int GetRusage(int who, out Usage usage);

    // struct rusage on 64-bit Linux (144 bytes): the two timevals this reads, then fourteen longs it does not.
    [StructLayout(LayoutKind.Sequential, Size = 144)]
    private struct Usage
    {
        public long UserSeconds;
        public long UserMicros;
        public long SystemSeconds;
        public long SystemMicros;
    }

    /// <summary>
    /// What appending a record to the journal costs the call's thread, alone (no queue, no writer): load.sh's
    /// intercepted-call record appended <paramref name="records"/> times over a journal of the default size after a
    /// first lap (its pages mapped by then), the store said to have each thousand as they go. Prints ns per record,
    /// the best of five rounds; asserts nothing.
    /// </summary>
    public static void Appends(int records)
    {
        var file = Path.Combine(Path.GetTempPath(), $"call-record-appends-{Guid.NewGuid():N}.journal");
        try
        {
            using var journal = new CallRecordJournal(file);
            var start = DateTimeOffset.UtcNow;
            var callIds = Enumerable.Range(0, 4096).Select(i => string.Create(CultureInfo.InvariantCulture, $"{i}-4242@127.0.0.1")).ToArray();
            long number = 0;
            void Append(int count)
            {
                for (var i = 0; i < count; i++)
                {
                    var record = new CallRecord(start.AddTicks(i * 10L), Realm.International, null, "13812345678", "13900000000",
                        "8d3b5a8e-0c41-5f0c-9c41-0e6f2b8d7a11", callIds[i & 4095], "intercept", "abroad-spoofed");
                    if (!journal.TryAppend(record, ++number))
                    {
                        throw new InvalidOperationException("The journal refused a record: the store's position is not kept up");
                    }

                    if (number % 1000 == 0)
                    {
                        journal.Stored(journal.Position);
                    }
                }
            }

            // A lap and more: every page written once, the code compiled to its last tier.
            Append((int)(CallRecordJournal.DefaultCapacity / 100));
            var best = double.MaxValue;
            for (var round = 0; round < 5; round++)
            {
                var watch = Stopwatch.StartNew();
                Append(records);
                best = Math.Min(best, watch.Elapsed.TotalNanoseconds / records);
            }

            Console.WriteLine($"appending to the journal: {best:F0} ns per record (best of 5 rounds of {records})");
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <param name="shape">
    /// "mixed": half the records from a trunk, the other half with an origid, to <paramref name="callees"/> callees.
    /// "load": as reference/bench/load.sh's intercepted calls are, one caller to one callee from one international
    /// source: no trunk, and the origid the node gives that source.
    /// </param>
    /// <param name="journal">Records kept in a mapped journal first and stored once a second, as a node on SQLite does.</param>
    public static void Run(int perSecond, int seconds, string? postgres, int callees = 100_000, string shape = "mixed", bool journal = false)
    {
        var file = Path.Combine(Path.GetTempPath(), $"call-record-costs-{Guid.NewGuid():N}.db");
        try
        {
            var database = postgres is null ? DirectoryStores.Sqlite(file).Database : DirectoryStores.PostgreSql(postgres).Database;
            var load = shape == "load";
            Console.WriteLine($"store: {database.Description}; {perSecond} records/s for {seconds} s to {(load ? 1 : callees)} callees, shape {shape}, journal {(journal ? "on" : "off")}");
            var total = perSecond * seconds;
            var start = DateTimeOffset.UtcNow;
            var records = new CallRecord[total];
            for (var i = 0; i < total; i++)
            {
                records[i] = load
                    ? new CallRecord(start.AddTicks(i * 10L), Realm.International, null, "13812345678", "13900000000", "8d3b5a8e-0c41-5f0c-9c41-0e6f2b8d7a11",
                        string.Create(CultureInfo.InvariantCulture, $"{i}-4242@127.0.0.1"), "intercept", "abroad-spoofed")
                    : new CallRecord(start.AddTicks(i * 10L), Realm.International, i % 2 == 0 ? "trunk-1" : null,
                        "+8613812345678", (13_900_000_000L + (i % callees)).ToString(CultureInfo.InvariantCulture), i % 2 == 0 ? null : "5f0c8a36-8d3b-5a8e-9c41-0e6f2b8d7a11",
                        string.Create(CultureInfo.InvariantCulture, $"{i}-4242@127.0.0.1"), "intercept", "abroad-spoofed");
            }

            var process = Process.GetCurrentProcess();
            long written, dropped;
            process.Refresh();
            var cpu0 = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            using (var writer = new CallRecordWriter(database, journal: journal ? file + ".journal" : null))
            {
                // The writer's own first seconds compile its code (several tiers): counted apart, from a third of the run on.
                var next = 0;
                (long Cpu, long Queueing, int Queued)? warm = null;
                while (next < total)
                {
                    var due = (int)Math.Min(total, (long)(watch.Elapsed.TotalSeconds * perSecond));
                    for (; next < due; next++)
                    {
                        writer.TryRecord(records[next]);
                    }

                    if (warm is null && watch.Elapsed.TotalSeconds >= seconds / 3.0)
                    {
                        warm = (WriterThreadMicros(), ThisThreadMicros(), next);
                    }

                    Thread.Sleep(10);
                }

                var queueing = ThisThreadMicros();
                while (writer.Written + writer.Failed + writer.Dropped < total && watch.Elapsed.TotalSeconds < seconds + 30)
                {
                    Thread.Sleep(10);
                }

                var threadCpu = WriterThreadMicros();
                Console.WriteLine($"the writer's thread: {threadCpu / 1000} ms = {(double)threadCpu / total:F2} µs per record");
                if (warm is { } w && total > w.Queued)
                {
                    Console.WriteLine($"the writer's thread after the first third: {(threadCpu - w.Cpu) / 1000} ms = {(double)(threadCpu - w.Cpu) / (total - w.Queued):F2} µs per record");
                    Console.WriteLine($"the queueing thread after the first third (TryRecord, and the loop and its sleeps): {(queueing - w.Queueing) / 1000} ms = {(double)(queueing - w.Queueing) / (total - w.Queued):F2} µs per record");
                }
                writer.Dispose();
                written = writer.Written;
                dropped = writer.Dropped;
            }

            process.Refresh();
            var cpu = process.TotalProcessorTime - cpu0;
            Console.WriteLine($"written {written}, dropped {dropped}, {watch.Elapsed.TotalSeconds:F1} s; CPU {cpu.TotalMilliseconds:F0} ms = {cpu.TotalMilliseconds * 1000 / total:F2} µs per record");
            database.Dispose();
        }
        finally
        {
            foreach (var path in new[] { file, file + "-wal", file + "-shm", file + ".journal" })
            {
                File.Delete(path);
            }
        }
    }
}
