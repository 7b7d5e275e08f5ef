using Reference.Storage;
using Screening.Directory;

namespace Screening.Benchmarks;

/// <summary>A directory as large as a national deployment's: 1 million do-not-originate numbers, 100,000 enterprises' ranges and trunks.</summary>
public static class LoadedDirectory
{
    public const int DoNotOriginate = 1_000_000;
    public const int Enterprises = 100_000;

    public static InMemoryDirectory Build()
    {
        var directory = new InMemoryDirectory();
        var random = new Random(20181122);
        directory.AddDoNotOriginate(Enumerable.Range(0, DoNotOriginate).Select(i => "17" + (100_000_000 + i).ToString("D9", System.Globalization.CultureInfo.InvariantCulture)));
        var ranges = new List<AllocatedRange>(Enterprises);
        for (var e = 0; e < Enterprises; e++)
        {
            var id = "ent-" + e.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var sector = (Sector)(e % 7);
            directory.TryAdd(new Enterprise(id, id, sector));
            var first = "13" + (e * 1000L).ToString("D9", System.Globalization.CultureInfo.InvariantCulture);
            var last = "13" + (e * 1000L + 999).ToString("D9", System.Globalization.CultureInfo.InvariantCulture);
            ranges.Add(new AllocatedRange(first, last, id, InboundOnly: false));
            directory.TryAdd(new TrunkRecord("t-" + id, id, Realm.Access, Source(e)), []);
            directory.AddConsent(new Consent(id, "15912345678", "benchmark", DateTimeOffset.UnixEpoch, DateTimeOffset.MaxValue));
        }

        directory.LoadRanges(ranges);
        _ = random;
        return directory;
    }

    public static string Source(int enterprise) => $"10.{enterprise / 65536}.{enterprise / 256 % 256}.{enterprise % 256}:5060";

    public static string Number(int enterprise, int n) => "13" + (enterprise * 1000L + n).ToString("D9", System.Globalization.CultureInfo.InvariantCulture);
}
