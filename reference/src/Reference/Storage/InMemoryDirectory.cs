using System.Collections.Concurrent;
using Screening.Counters;
using Screening.Directory;

namespace Reference.Storage;

/// <summary>
/// Provisioned data held in memory and read by every screened call. Ranges are kept in an array sorted by
/// (length, first number), rebuilt lazily after writes, so a look-up is a binary search whatever the count.
/// Writes check everything first, then write through to the durable store in one transaction, then change memory,
/// all in one turn: a refused request, or one the store fails to write, leaves nothing behind anywhere. The turn is
/// held across the write; the lock that guards memory is not, so a screened call that rebuilds the range index never
/// waits for a commit. The asynchronous writes (<see cref="TryAddAsync(Enterprise)"/> and the rest, which the
/// provisioning APIs call) await the store's commit holding no thread; the blocking ones remain for tests, benchmarks
/// and imports.
/// </summary>
#pragma warning disable CA1001 // _turn, below: nothing to dispose.
public sealed class InMemoryDirectory(IDirectoryStore store) : IScreeningDirectory
#pragma warning restore CA1001
{
    private readonly object _write = new();
    // Never disposed: a SemaphoreSlim holds no handle unless its AvailableWaitHandle is asked for, and the directory
    // lives as long as the node (as do the tests' and benchmarks' directories, which are many and never disposed).
    private readonly SemaphoreSlim _turn = new(1, 1);
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
    public bool TryAdd(Enterprise enterprise) => TryAddAsync(enterprise, blocking: true).GetAwaiter().GetResult();

    /// <inheritdoc cref="TryAdd(Enterprise)"/>
    public Task<bool> TryAddAsync(Enterprise enterprise) => TryAddAsync(enterprise, blocking: false);

    private async Task<bool> TryAddAsync(Enterprise enterprise, bool blocking)
    {
        await Turn(blocking).ConfigureAwait(false);
        try
        {
            if (_enterprises.ContainsKey(enterprise.Id))
            {
                return false;
            }

            await Written(blocking, () => store.AddEnterprise(enterprise), () => store.AddEnterpriseAsync(enterprise)).ConfigureAwait(false);
            _enterprises[enterprise.Id] = enterprise;
            return true;
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>Fills memory from the durable store (on start, before any call is screened); nothing is written back.</summary>
    public void Load(DirectorySnapshot snapshot)
    {
        _turn.Wait();
        try
        {
            Fill(snapshot);
        }
        finally
        {
            _turn.Release();
        }
    }

    private void Fill(DirectorySnapshot snapshot)
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
        // In turn with this node's writes: a change of ours announced back to us is merged only once it is in memory.
        _turn.Wait();
        try
        {
            lock (_write)
            {
                var ranges = snapshot.Ranges;
                if (ranges.Count > 0)
                {
                    var known = _ranges.Select(r => r.First).ToHashSet(StringComparer.Ordinal);
                    ranges = ranges.Where(r => known.Add(r.First)).ToList();
                }

                Fill(snapshot with { Ranges = ranges });
            }
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>Adds the trunk and its ranges, or nothing: the first conflict is returned as "field: problem".</summary>
    public string? TryAdd(TrunkRecord trunk, IReadOnlyList<AllocatedRange> ranges) => TryAddAsync(trunk, ranges, blocking: true).GetAwaiter().GetResult();

    /// <inheritdoc cref="TryAdd(TrunkRecord, IReadOnlyList{AllocatedRange})"/>
    public Task<string?> TryAddAsync(TrunkRecord trunk, IReadOnlyList<AllocatedRange> ranges) => TryAddAsync(trunk, ranges, blocking: false);

    private async Task<string?> TryAddAsync(TrunkRecord trunk, IReadOnlyList<AllocatedRange> ranges, bool blocking)
    {
        await Turn(blocking).ConfigureAwait(false);
        try
        {
            if (Conflict(trunk, ranges) is { } conflict)
            {
                return conflict;
            }

            await Written(blocking, () => store.AddTrunk(trunk, ranges), () => store.AddTrunkAsync(trunk, ranges)).ConfigureAwait(false);
            lock (_write)
            {
                Apply(trunk);
                _ranges.AddRange(ranges);
                _sorted = null;
            }

            return null;
        }
        finally
        {
            _turn.Release();
        }
    }

    private string? Conflict(TrunkRecord trunk, IReadOnlyList<AllocatedRange> ranges)
    {
        if (_trunks.ContainsKey(trunk.Id))
        {
            return $"id: a trunk {trunk.Id} already exists";
        }

        if (trunk.Source is { } taken && _trunksBySource.ContainsKey(taken))
        {
            return $"source: another trunk already uses {taken}";
        }

        lock (_write)
        {
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
        }

        return null;
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
        Change(blocking: true, () => store.AddRoaming(list), () => store.AddRoamingAsync(list), () => Apply(_roaming, list)).GetAwaiter().GetResult();
    }

    /// <inheritdoc cref="AddRoaming"/>
    public Task AddRoamingAsync(IReadOnlyList<string> numbers) =>
        Change(blocking: false, () => store.AddRoaming(numbers), () => store.AddRoamingAsync(numbers), () => Apply(_roaming, numbers));

    public void AddDoNotOriginate(IEnumerable<string> numbers)
    {
        var list = numbers as IReadOnlyList<string> ?? numbers.ToList();
        Change(blocking: true, () => store.AddDoNotOriginate(list), () => store.AddDoNotOriginateAsync(list), () => Apply(_doNotOriginate, list)).GetAwaiter().GetResult();
    }

    /// <inheritdoc cref="AddDoNotOriginate"/>
    public Task AddDoNotOriginateAsync(IReadOnlyList<string> numbers) =>
        Change(blocking: false, () => store.AddDoNotOriginate(numbers), () => store.AddDoNotOriginateAsync(numbers), () => Apply(_doNotOriginate, numbers));

    public void AddConsent(Consent consent) => AddConsent(consent, blocking: true).GetAwaiter().GetResult();

    /// <inheritdoc cref="AddConsent(Consent)"/>
    public Task AddConsentAsync(Consent consent) => AddConsent(consent, blocking: false);

    /// <summary>A refusal of one enterprise's calls, or of everyone's when <paramref name="enterpriseId"/> is null.</summary>
    public void AddRefusal(string? enterpriseId, string callee) => AddRefusal(enterpriseId, callee, blocking: true).GetAwaiter().GetResult();

    /// <inheritdoc cref="AddRefusal(string?, string)"/>
    public Task AddRefusalAsync(string? enterpriseId, string callee) => AddRefusal(enterpriseId, callee, blocking: false);

    private Task AddConsent(Consent consent, bool blocking) =>
        Change(blocking, () => store.SaveConsent(consent), () => store.SaveConsentAsync(consent), () => _consents[Key(consent.EnterpriseId, consent.Callee)] = consent);

    private Task AddRefusal(string? enterpriseId, string callee, bool blocking) =>
        Change(blocking, () => store.AddRefusal(enterpriseId ?? string.Empty, callee), () => store.AddRefusalAsync(enterpriseId ?? string.Empty, callee),
            () => _refusals[Key(enterpriseId ?? string.Empty, callee)] = 0);

    /// <summary>One write with nothing to check first: in turn, the store's commit, then memory.</summary>
    private async Task Change(bool blocking, Action write, Func<Task> writeAsync, Action apply)
    {
        await Turn(blocking).ConfigureAwait(false);
        try
        {
            await Written(blocking, write, writeAsync).ConfigureAwait(false);
            apply();
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>This node's turn to write: taken on the caller's thread by a blocking write, awaited by an asynchronous one.</summary>
    private Task Turn(bool blocking)
    {
        if (blocking)
        {
            _turn.Wait();
            return Task.CompletedTask;
        }

        return _turn.WaitAsync();
    }

    private static Task Written(bool blocking, Action write, Func<Task> writeAsync)
    {
        if (blocking)
        {
            write();
            return Task.CompletedTask;
        }

        return writeAsync();
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
