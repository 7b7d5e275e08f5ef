using System.Collections.Concurrent;
using Screening.Counters;
using Screening.Directory;

namespace Reference.Storage;

/// <summary>
/// Provisioned data held in memory and read by every screened call. Ranges are kept in an array sorted by
/// (length, first number), rebuilt lazily after writes, so a look-up is a binary search whatever the count.
/// Writes check everything first, then write through to the durable store in one transaction, then change memory,
/// all under one lock: a refused request, or one the store fails to write, leaves nothing behind anywhere.
/// </summary>
public sealed class InMemoryDirectory(IDirectoryStore store) : IScreeningDirectory
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

    public InMemoryDirectory()
        : this(MemoryOnlyStore.Instance)
    {
    }

    public IDirectoryStore Store => store;

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

    /// <summary>Consent counts only while its evidence is kept: past <see cref="Consent.KeepUntil"/> it has lapsed.</summary>
    public bool HasConsent(string enterpriseId, string callee, DateTimeOffset at) =>
        _consents.TryGetValue(Key(enterpriseId, callee), out var consent) && at < consent.KeepUntil;

    public bool IsRefused(string enterpriseId, string callee) =>
        _refusals.ContainsKey(Key(enterpriseId, callee)) || _refusals.ContainsKey(Key(string.Empty, callee));

    public Enterprise? FindEnterprise(string id) => _enterprises.GetValueOrDefault(id);

    public TrunkRecord? FindTrunk(string id) => _trunks.GetValueOrDefault(id);

    public Consent? FindConsent(string enterpriseId, string callee) => _consents.GetValueOrDefault(Key(enterpriseId, callee));

    /// <summary>Adds the enterprise; false when the id is taken.</summary>
    public bool TryAdd(Enterprise enterprise)
    {
        lock (_write)
        {
            if (_enterprises.ContainsKey(enterprise.Id))
            {
                return false;
            }

            store.AddEnterprise(enterprise);
            _enterprises[enterprise.Id] = enterprise;
            return true;
        }
    }

    /// <summary>Fills memory from the durable store (on start, before any call is screened); nothing is written back.</summary>
    public void Load(DirectorySnapshot snapshot)
    {
        lock (_write)
        {
            foreach (var enterprise in snapshot.Enterprises)
            {
                _enterprises[enterprise.Id] = enterprise;
            }

            foreach (var trunk in snapshot.Trunks)
            {
                Apply(trunk);
            }

            _ranges.AddRange(snapshot.Ranges);
            _sorted = null;
            foreach (var consent in snapshot.Consents)
            {
                _consents[Key(consent.EnterpriseId, consent.Callee)] = consent;
            }

            foreach (var (enterpriseId, callee) in snapshot.Refusals)
            {
                _refusals[Key(enterpriseId, callee)] = 0;
            }

            Apply(_roaming, snapshot.Roaming);
            Apply(_doNotOriginate, snapshot.DoNotOriginate);
        }
    }

    /// <summary>
    /// Applies what another node wrote to the shared store (or everything, re-read after a lost notification channel):
    /// memory only, nothing written back, and what memory already holds stays, so applying a change twice is harmless.
    /// </summary>
    public void Merge(DirectorySnapshot snapshot)
    {
        lock (_write)
        {
            var ranges = snapshot.Ranges;
            if (ranges.Count > 0)
            {
                var known = _ranges.Select(r => r.First).ToHashSet(StringComparer.Ordinal);
                ranges = ranges.Where(r => known.Add(r.First)).ToList();
            }

            Load(snapshot with { Ranges = ranges });
        }
    }

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

            store.AddTrunk(trunk, ranges);
            Apply(trunk);
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
        var list = numbers as IReadOnlyList<string> ?? numbers.ToList();
        lock (_write)
        {
            store.AddRoaming(list);
            Apply(_roaming, list);
        }
    }

    public void AddDoNotOriginate(IEnumerable<string> numbers)
    {
        var list = numbers as IReadOnlyList<string> ?? numbers.ToList();
        lock (_write)
        {
            store.AddDoNotOriginate(list);
            Apply(_doNotOriginate, list);
        }
    }

    public void AddConsent(Consent consent)
    {
        lock (_write)
        {
            store.SaveConsent(consent);
            _consents[Key(consent.EnterpriseId, consent.Callee)] = consent;
        }
    }

    /// <summary>A refusal of one enterprise's calls, or of everyone's when <paramref name="enterpriseId"/> is null.</summary>
    public void AddRefusal(string? enterpriseId, string callee)
    {
        lock (_write)
        {
            store.AddRefusal(enterpriseId ?? string.Empty, callee);
            _refusals[Key(enterpriseId ?? string.Empty, callee)] = 0;
        }
    }

    private static void Apply(ConcurrentDictionary<long, byte> list, IEnumerable<string> numbers)
    {
        foreach (var number in numbers)
        {
            list[NumberKey.Of(number)] = 0;
        }
    }

    private void Apply(TrunkRecord trunk)
    {
        _trunks[trunk.Id] = trunk;
        if (trunk.Source is { } source && _enterprises.TryGetValue(trunk.EnterpriseId, out var enterprise))
        {
            _trunksBySource[source] = new Trunk(trunk.Id, trunk.EnterpriseId, enterprise.Sector);
        }
    }

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
