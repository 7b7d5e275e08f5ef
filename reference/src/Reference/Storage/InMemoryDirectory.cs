using System.Collections.Concurrent;
using Screening.Directory;

namespace Reference.Storage;

/// <summary>
/// Provisioned data held in memory and read by every screened call. Ranges are kept in an array sorted by
/// (length, first number), rebuilt lazily after writes, so a look-up is a binary search whatever the count.
/// Writes check everything first and then write, under one lock: a refused request leaves nothing behind.
/// </summary>
public sealed class InMemoryDirectory : IScreeningDirectory
{
    private readonly object _write = new();
    private readonly ConcurrentDictionary<string, Enterprise> _enterprises = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Trunk> _trunksBySource = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TrunkRecord> _trunks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _roaming = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _doNotOriginate = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Enterprise, string Callee), Consent> _consents = new();
    private readonly ConcurrentDictionary<(string Enterprise, string Callee), byte> _refusals = new();
    private readonly List<AllocatedRange> _ranges = [];
    private volatile AllocatedRange[]? _sorted = [];

    public int DoNotOriginateCount => _doNotOriginate.Count;

    public int RangeCount
    {
        get
        {
            lock (_write)
            {
                return _ranges.Count;
            }
        }
    }

    public Trunk? TrunkAt(string source) => _trunksBySource.GetValueOrDefault(source);

    public AllocatedRange? RangeOf(string national)
    {
        var sorted = _sorted ?? Rebuild();
        int lo = 0, hi = sorted.Length - 1, found = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (Compare(sorted[mid].First, national) <= 0)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return found >= 0 && sorted[found].Contains(national) ? sorted[found] : null;
    }

    public bool IsRoaming(string national) => _roaming.ContainsKey(national);

    public bool IsDoNotOriginate(string national) => _doNotOriginate.ContainsKey(national);

    public bool HasConsent(string enterpriseId, string callee) => _consents.ContainsKey((enterpriseId, callee));

    public bool IsRefused(string enterpriseId, string callee) =>
        _refusals.ContainsKey((enterpriseId, callee)) || _refusals.ContainsKey((string.Empty, callee));

    public Enterprise? FindEnterprise(string id) => _enterprises.GetValueOrDefault(id);

    public TrunkRecord? FindTrunk(string id) => _trunks.GetValueOrDefault(id);

    public Consent? FindConsent(string enterpriseId, string callee) => _consents.GetValueOrDefault((enterpriseId, callee));

    /// <summary>Adds the enterprise; false when the id is taken.</summary>
    public bool TryAdd(Enterprise enterprise) => _enterprises.TryAdd(enterprise.Id, enterprise);

    /// <summary>Adds the trunk and its ranges, or nothing: the first conflict is returned as "field: problem".</summary>
    public string? TryAdd(TrunkRecord trunk, IReadOnlyList<AllocatedRange> ranges)
    {
        lock (_write)
        {
            if (_trunks.ContainsKey(trunk.Id))
            {
                return $"id: a trunk {trunk.Id} already exists";
            }

            if (trunk.Source is { } taken && _trunksBySource.ContainsKey(taken))
            {
                return $"source: another trunk already uses {taken}";
            }

            for (var i = 0; i < ranges.Count; i++)
            {
                if (ranges.Take(i).FirstOrDefault(r => Overlap(r, ranges[i])) is { } inRequest)
                {
                    return $"ranges[{i}]: overlaps ranges[{ranges.ToList().IndexOf(inRequest)}] of the same request";
                }

                if (_ranges.FirstOrDefault(r => Overlap(r, ranges[i])) is { } existing)
                {
                    return $"ranges[{i}]: overlaps {existing.First}-{existing.Last}, already allocated to enterprise {existing.EnterpriseId}";
                }
            }

            _trunks[trunk.Id] = trunk;
            if (trunk.Source is { } source)
            {
                _trunksBySource[source] = new Trunk(trunk.Id, trunk.EnterpriseId, _enterprises[trunk.EnterpriseId].Sector);
            }

            _ranges.AddRange(ranges);
            _sorted = null;
            return null;
        }
    }

    /// <summary>Loads ranges in bulk without overlap checks (benchmarks and imports of already-checked data).</summary>
    public void LoadRanges(IEnumerable<AllocatedRange> ranges)
    {
        lock (_write)
        {
            _ranges.AddRange(ranges);
            _sorted = null;
        }
    }

    public void AddRoaming(IEnumerable<string> numbers)
    {
        foreach (var number in numbers)
        {
            _roaming[number] = 0;
        }
    }

    public void AddDoNotOriginate(IEnumerable<string> numbers)
    {
        foreach (var number in numbers)
        {
            _doNotOriginate[number] = 0;
        }
    }

    public void AddConsent(Consent consent) => _consents[(consent.EnterpriseId, consent.Callee)] = consent;

    /// <summary>A refusal of one enterprise's calls, or of everyone's when <paramref name="enterpriseId"/> is null.</summary>
    public void AddRefusal(string? enterpriseId, string callee) => _refusals[(enterpriseId ?? string.Empty, callee)] = 0;

    private static bool Overlap(AllocatedRange a, AllocatedRange b) =>
        a.First.Length == b.First.Length && string.CompareOrdinal(a.First, b.Last) <= 0 && string.CompareOrdinal(b.First, a.Last) <= 0;

    private static int Compare(string a, string b) => a.Length != b.Length ? a.Length - b.Length : string.CompareOrdinal(a, b);

    private AllocatedRange[] Rebuild()
    {
        lock (_write)
        {
            if (_sorted is { } ready)
            {
                return ready;
            }

            var sorted = _ranges.ToArray();
            Array.Sort(sorted, (x, y) => Compare(x.First, y.First));
            _sorted = sorted;
            return sorted;
        }
    }
}
