using System.Collections.Concurrent;
using Screening.Counters;
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
    // Numbers are kept as packed longs (NumberKey): cheaper to hash and to hold than strings, for lists of millions.
    private readonly ConcurrentDictionary<long, byte> _roaming = new();
    private readonly ConcurrentDictionary<long, byte> _doNotOriginate = new();
    private readonly ConcurrentDictionary<PairKey, Consent> _consents = new();
    private readonly ConcurrentDictionary<PairKey, byte> _refusals = new();
    private readonly List<AllocatedRange> _ranges = [];
    private volatile RangeIndex? _sorted = RangeIndex.Empty;

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

    public AllocatedRange? RangeOf(string national) => (_sorted ?? Rebuild()).Find(NumberKey.Of(national));

    public bool IsRoaming(string national) => _roaming.ContainsKey(NumberKey.Of(national));

    public bool IsDoNotOriginate(string national) => _doNotOriginate.ContainsKey(NumberKey.Of(national));

    public bool HasConsent(string enterpriseId, string callee) => _consents.ContainsKey(Key(enterpriseId, callee));

    public bool IsRefused(string enterpriseId, string callee) =>
        _refusals.ContainsKey(Key(enterpriseId, callee)) || _refusals.ContainsKey(Key(string.Empty, callee));

    public Enterprise? FindEnterprise(string id) => _enterprises.GetValueOrDefault(id);

    public TrunkRecord? FindTrunk(string id) => _trunks.GetValueOrDefault(id);

    public Consent? FindConsent(string enterpriseId, string callee) => _consents.GetValueOrDefault(Key(enterpriseId, callee));

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
            _roaming[NumberKey.Of(number)] = 0;
        }
    }

    public void AddDoNotOriginate(IEnumerable<string> numbers)
    {
        foreach (var number in numbers)
        {
            _doNotOriginate[NumberKey.Of(number)] = 0;
        }
    }

    public void AddConsent(Consent consent) => _consents[Key(consent.EnterpriseId, consent.Callee)] = consent;

    /// <summary>A refusal of one enterprise's calls, or of everyone's when <paramref name="enterpriseId"/> is null.</summary>
    public void AddRefusal(string? enterpriseId, string callee) => _refusals[Key(enterpriseId ?? string.Empty, callee)] = 0;

    private static PairKey Key(string enterpriseId, string callee) => new(NumberKey.Of(enterpriseId), NumberKey.Of(callee));

    private static bool Overlap(AllocatedRange a, AllocatedRange b) =>
        a.First.Length == b.First.Length && string.CompareOrdinal(a.First, b.Last) <= 0 && string.CompareOrdinal(b.First, a.Last) <= 0;

    private RangeIndex Rebuild()
    {
        lock (_write)
        {
            if (_sorted is { } ready)
            {
                return ready;
            }

            var index = new RangeIndex(_ranges);
            _sorted = index;
            return index;
        }
    }
}
