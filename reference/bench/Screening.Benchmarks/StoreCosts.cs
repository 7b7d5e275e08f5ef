using System.Diagnostics;
using System.Globalization;
using Reference.Storage;
using Screening;
using Screening.Directory;

namespace Screening.Benchmarks;

/// <summary>
/// What the durable store costs: one provisioning request written through (enterprise, then trunk with a range,
/// then consent, each its own transaction as over the API), a million do-not-originate numbers in one request, and
/// loading it all back when a node starts. Prints figures; asserts nothing.
/// </summary>
public static class StoreCosts
{
    public static void Run(int enterprises, int numbers, string? postgres)
    {
        var file = Path.Combine(Path.GetTempPath(), $"store-costs-{Guid.NewGuid():N}.db");
        try
        {
            using (var store = postgres is null ? DirectoryStores.Sqlite(file) : DirectoryStores.PostgreSql(postgres))
            {
                Console.WriteLine($"store: {store.Description}");
                var directory = new InMemoryDirectory(store);
                var watch = Stopwatch.StartNew();
                for (var i = 0; i < enterprises; i++)
                {
                    var id = "e" + i.ToString(CultureInfo.InvariantCulture);
                    var first = (13_000_000_000L + (i * 1_000L)).ToString(CultureInfo.InvariantCulture);
                    var last = (13_000_000_999L + (i * 1_000L)).ToString(CultureInfo.InvariantCulture);
                    directory.TryAdd(new Enterprise(id, id, Sector.Finance));
                    directory.TryAdd(new TrunkRecord("t" + id, id, Realm.Access, $"10.{i >> 16 & 255}.{i >> 8 & 255}.{i & 255}:5060"), [new AllocatedRange(first, last, id, false)]);
                    directory.AddConsent(new Consent(id, "135" + i.ToString("D8", CultureInfo.InvariantCulture), "bench", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(153)));
                }

                var perRequest = watch.Elapsed.TotalMicroseconds / (enterprises * 3.0);
                Console.WriteLine($"write-through: {enterprises * 3} requests (enterprise, trunk+range, consent) in {watch.Elapsed.TotalSeconds:F2} s, {perRequest:F0} µs per request");

                watch.Restart();
                directory.AddDoNotOriginate(Enumerable.Range(0, numbers).Select(i => "17" + (100_000_000 + i).ToString("D9", CultureInfo.InvariantCulture)));
                Console.WriteLine($"do-not-originate: {numbers} numbers in one request in {watch.Elapsed.TotalSeconds:F2} s");
            }

            GC.Collect();
            var before = GC.GetTotalMemory(forceFullCollection: true);
            var start = Stopwatch.StartNew();
            using var reopened = postgres is null ? DirectoryStores.Sqlite(file) : DirectoryStores.PostgreSql(postgres);
            var loaded = new InMemoryDirectory(reopened);
            loaded.Load(reopened.Load());
            var seconds = start.Elapsed.TotalSeconds;
            var bytes = GC.GetTotalMemory(forceFullCollection: true) - before;
            Console.WriteLine($"load on start: {enterprises} enterprises, trunks, ranges and consents and {loaded.DoNotOriginateCount} numbers in {seconds:F2} s; directory holds {bytes / 1_048_576.0:F0} MB");
            GC.KeepAlive(loaded);
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
