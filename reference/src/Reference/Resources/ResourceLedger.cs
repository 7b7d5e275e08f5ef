using Labelling.Appeals;
using Reference.Access;

namespace Reference.Resources;

/// <summary>
/// The carrier's resource records and the rules that guard them (谁接入谁负责): an enterprise's qualification is checked
/// and the joint-discipline list consulted before a 95/96/400 number or a trunk's number block is allocated; every
/// allocation is kept, a reissue ending the earlier holder's; trunk sanctions are imposed and lifted. Every change is
/// written to the store before it shows. A change claims what it reads and writes (<see cref="ResourceClaim"/>: the
/// holder's listings and qualification, the range of numbers, the trunk) while its write is awaited, and only a change
/// meeting that claim waits for it, then checks again: a check and the write it allows cannot be split by another
/// request (a number is never allocated twice; an enterprise listed, or being listed, gets no allocation), while writes
/// of different enterprises, numbers and trunks commit side by side. The lock guards memory only and is never held
/// across a write. A number's allocation also becomes the record a reissued-number appeal is checked against
/// (<see cref="NumberAllocations"/>).
/// </summary>
public sealed class ResourceLedger : IDisposable
{
    private readonly ResourceStore _store;
    private readonly ResourceOptions _options;
    private readonly NumberAllocations _appealRecords;
    private readonly Lock _lock = new();
    private readonly List<ResourceClaim> _claims = [];
    private readonly Dictionary<string, Qualification> _qualifications = new(StringComparer.Ordinal);
    private readonly List<ResourceAllocation> _allocations = [];
    private readonly List<DisciplineEntry> _list = [];
    private readonly Dictionary<string, TrunkSanction> _sanctions = new(StringComparer.Ordinal);
    private volatile IReadOnlySet<string> _suspended = new HashSet<string>(StringComparer.Ordinal);

    public ResourceLedger(ResourceStore store, ResourceOptions options, NumberAllocations appealRecords)
    {
        _store = store;
        _options = options;
        _appealRecords = appealRecords;
        var (qualifications, allocations, list, sanctions) = store.Load();
        foreach (var q in qualifications)
        {
            _qualifications[q.Enterprise] = q;
        }

        _allocations.AddRange(allocations.OrderBy(a => a.Since));
        // The appeal desk's store keeps each number's newest holder only; the whole line of holders is here.
        appealRecords.Restore(_allocations.Where(a => a.Kind == AllocationKind.Number).Select(a => new Allocation(a.First, a.Holder, a.Since)));
        _list.AddRange(list.OrderBy(e => e.ListedAt));
        foreach (var sanction in sanctions.Where(s => s.InForce))
        {
            _sanctions[sanction.Trunk] = sanction;
        }

        _suspended = _sanctions.Keys.ToHashSet(StringComparer.Ordinal);
    }

    public ResourceOptions Options => _options;

    public Qualification Qualify(Qualification qualification) => QualifyAsync(qualification).GetAwaiter().GetResult();

    public Task<Qualification> QualifyAsync(Qualification qualification) =>
        Change(new ResourceClaim([ResourceClaim.QualificationOf(qualification.Enterprise)]), () => new ResourceStep<Qualification>(
            qualification,
            () => _store.QualifiedAsync(qualification),
            () => _qualifications[qualification.Enterprise] = qualification));

    public Qualification? QualificationOf(string enterprise)
    {
        lock (_lock)
        {
            return _qualifications.GetValueOrDefault(enterprise);
        }
    }

    /// <summary>
    /// Allocates <paramref name="first"/>..<paramref name="last"/> to <paramref name="holder"/> since <paramref name="since"/>, after
    /// the checks: the list (any allocation), the qualification (95/96/400 numbers and trunk blocks), the records (a block
    /// no one else holds; a reissue after the present holder's allocation).
    /// </summary>
    public AllocationOutcome Allocate(AllocationKind kind, string first, string last, string holder, string? trunk, bool needsQualification, DateTimeOffset since, ApiCaller caller, DateTimeOffset now) =>
        AllocateAsync(kind, first, last, holder, trunk, needsQualification, since, caller, now).GetAwaiter().GetResult();

    /// <inheritdoc cref="Allocate"/>
    /// <remarks>
    /// Another node on the same store decides in its own memory: when it allocated any of these numbers first (the same
    /// number, or a block overlapping this one from whatever first number), the store refuses this write (one current
    /// allocation per first number, schema version 15; no current allocation overlapping another, checked as it is
    /// written), the store's allocations of these numbers are brought into memory, and the request is answered against
    /// them: the same allocation is the one already made, any other is refused naming the block and who holds it.
    /// </remarks>
    public async Task<AllocationOutcome> AllocateAsync(AllocationKind kind, string first, string last, string holder, string? trunk, bool needsQualification, DateTimeOffset since, ApiCaller caller, DateTimeOffset now)
    {
        try
        {
            return await Decide(kind, first, last, holder, trunk, needsQualification, since, caller, now).ConfigureAwait(false);
        }
        catch (Storage.StorageException ex) when (ex.IsUniqueViolation)
        {
            return await Lost(kind, first, last, holder, trunk).ConfigureAwait(false);
        }
        catch (AllocationOverlapException)
        {
            return await Lost(kind, first, last, holder, trunk).ConfigureAwait(false);
        }
    }

    /// <summary>The answer to an allocation whose write the store refused because another node's allocation holds the numbers.</summary>
    private async Task<AllocationOutcome> Lost(AllocationKind kind, string first, string last, string holder, string? trunk)
    {
        var stored = await _store.AllocationsOverlappingAsync(first, last).ConfigureAwait(false);
        List<ResourceAllocation> current;
        lock (_lock)
        {
            foreach (var allocation in stored)
            {
                var known = _allocations.FindIndex(a => a.Id == allocation.Id);
                if (known >= 0)
                {
                    _allocations[known] = allocation;
                }
                else
                {
                    _allocations.Add(allocation);
                }
            }

            current = stored.Where(a => a.Until is null).OrderBy(a => a.First, StringComparer.Ordinal).ToList();
            foreach (var number in current.Where(a => a.Kind == AllocationKind.Number))
            {
                _appealRecords.Restore([new Allocation(number.First, number.Holder, number.Since)]);
            }
        }

        if (current.FirstOrDefault(a => a.Holder == holder && a.First == first && a.Last == last && a.Trunk == trunk) is { } same)
        {
            return AllocationOutcome.Made(same, created: false);
        }

        if (current.FirstOrDefault() is not { } other)
        {
            // What refused the write is not an allocation of these numbers: nothing to answer with but the refusal.
            throw new Storage.StorageException($"The store refused the allocation of {first}-{last}, and holds no current allocation overlapping it.");
        }

        return AllocationOutcome.Refused("The numbers were allocated meanwhile (through another node); nothing was allocated.",
            [(kind == AllocationKind.Block ? "block" : "number", $"{other.First}-{other.Last} is allocated to {other.Holder} since {other.Since:O}{(other.Trunk is null ? string.Empty : " on trunk " + other.Trunk)}")]);
    }

    private Task<AllocationOutcome> Decide(AllocationKind kind, string first, string last, string holder, string? trunk, bool needsQualification, DateTimeOffset since, ApiCaller caller, DateTimeOffset now) =>
        Change(new ResourceClaim([ResourceClaim.Listings(holder), ResourceClaim.QualificationOf(holder)], first, last), () =>
        {
            if (_options.ChecksDiscipline && ListingsOf(holder, caller).FirstOrDefault() is { } listed)
            {
                return new ResourceStep<AllocationOutcome>(AllocationOutcome.Refused("The holder is on the joint-discipline list; nothing was allocated.",
                    [("holder", $"{holder} is on the joint-discipline list, listed by {listed.Carrier} on {listed.ListedAt:O}: {listed.Reason}. A listed enterprise gets no new allocation (一处失信，处处受限).")]));
            }

            if (needsQualification && _options.ChecksQualifications)
            {
                var shortcomings = _qualifications.TryGetValue(holder, out var q)
                    ? q.Shortcomings(now)
                    : [("qualification", $"no qualification of {holder} is on record; check its business scope, where its numbers connect and their use, and record them with POST /v1/qualifications")];
                if (shortcomings.Count > 0)
                {
                    return new ResourceStep<AllocationOutcome>(AllocationOutcome.Refused("The holder's qualification does not allow this allocation; nothing was allocated.", shortcomings));
                }
            }

            var present = _allocations.Where(a => a.Until is null && a.Overlaps(first, last)).ToList();
            if (present.FirstOrDefault(a => a.Holder == holder && a.First == first && a.Last == last && a.Trunk == trunk) is { } same)
            {
                return new ResourceStep<AllocationOutcome>(AllocationOutcome.Made(same, created: false));
            }

            ResourceAllocation? ended = null;
            if (kind == AllocationKind.Number && present is [{ Kind: AllocationKind.Number } earlier])
            {
                if (since <= earlier.Since)
                {
                    return new ResourceStep<AllocationOutcome>(AllocationOutcome.Refused("A reissue must come after the present allocation; nothing was allocated.",
                        [("since", $"{first} is held by {earlier.Holder} since {earlier.Since:O}; a reissue to {holder} must be dated after that")]));
                }

                if (!_options.RecordsReissues)
                {
                    return new ResourceStep<AllocationOutcome>(AllocationOutcome.Made(earlier with { Id = NewId(), Holder = holder, Since = since, PreviousHolder = earlier.Holder }, created: true));
                }

                ended = earlier with { Until = since };
            }
            else if (present.Count > 0)
            {
                var other = present[0];
                return new ResourceStep<AllocationOutcome>(AllocationOutcome.Refused("The numbers are allocated already; nothing was allocated.",
                    [(kind == AllocationKind.Block ? "block" : "number", $"{other.First}-{other.Last} is allocated to {other.Holder} since {other.Since:O}{(other.Trunk is null ? string.Empty : " on trunk " + other.Trunk)}")]));
            }

            var allocation = new ResourceAllocation(NewId(), kind, first, last, holder, trunk, since, null, ended?.Holder, caller.Account.Length > 0 ? caller.Account : caller.KeyId);
            if (!_options.KeepsAllocations)
            {
                return new ResourceStep<AllocationOutcome>(AllocationOutcome.Made(allocation, created: true));
            }

            return new ResourceStep<AllocationOutcome>(AllocationOutcome.Made(allocation, created: true), () => _store.AllocatedAsync(allocation, ended), () =>
            {
                if (ended is not null)
                {
                    _allocations[_allocations.FindIndex(a => a.Id == ended.Id)] = ended;
                }

                _allocations.Add(allocation);
                if (kind == AllocationKind.Number)
                {
                    // Already in the store (the same transaction): only the appeal desk's view in memory is brought up to date.
                    _appealRecords.Restore([new Allocation(first, holder, since)]);
                }
            });
        });

    /// <summary>Allocations on record, the ended ones too, oldest first: of a number (any allocation covering it), a holder or a trunk.</summary>
    public IReadOnlyList<ResourceAllocation> Allocations(string? number, string? holder, string? trunk)
    {
        lock (_lock)
        {
            return _allocations.Where(a =>
                    (number is null || a.Covers(number))
                    && (holder is null || a.Holder == holder)
                    && (trunk is null || a.Trunk == trunk))
                .OrderBy(a => a.Since).ThenBy(a => a.Id, StringComparer.Ordinal).ToList();
        }
    }

    /// <summary>The blocks a trunk has held at any time, for its audit.</summary>
    public IReadOnlyList<ResourceAllocation> BlocksOf(string trunk) => Allocations(null, null, trunk).Where(a => a.Kind == AllocationKind.Block).ToList();

    public DisciplineEntry List(string enterprise, string reason, ApiCaller caller, DateTimeOffset now) => ListAsync(enterprise, reason, caller, now).GetAwaiter().GetResult();

    /// <summary>Lists <paramref name="enterprise"/>; an allocation to it that starts while this is written waits, and is refused.</summary>
    public Task<DisciplineEntry> ListAsync(string enterprise, string reason, ApiCaller caller, DateTimeOffset now)
    {
        var entry = new DisciplineEntry("listing-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(6)), enterprise, CarrierOf(caller), reason, now);
        return Change(new ResourceClaim([ResourceClaim.Listings(enterprise)]), () => new ResourceStep<DisciplineEntry>(entry, () => _store.ListedAsync(entry), () => _list.Add(entry)));
    }

    /// <summary>The entries of the list <paramref name="caller"/> reads, of one enterprise or all, oldest first: every carrier's.</summary>
    public IReadOnlyList<DisciplineEntry> Listings(string? enterprise, ApiCaller caller)
    {
        lock (_lock)
        {
            return (enterprise is null ? Visible(caller) : ListingsOf(enterprise, caller)).ToList();
        }
    }

    public TrunkSanction Suspend(string trunk, string reason, ApiCaller caller, DateTimeOffset now) => SuspendAsync(trunk, reason, caller, now).GetAwaiter().GetResult();

    public Task<TrunkSanction> SuspendAsync(string trunk, string reason, ApiCaller caller, DateTimeOffset now) =>
        Change(new ResourceClaim([ResourceClaim.Sanction(trunk)]), () =>
        {
            if (_sanctions.TryGetValue(trunk, out var inForce))
            {
                return new ResourceStep<TrunkSanction>(inForce);
            }

            var sanction = new TrunkSanction("sanction-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(6)), trunk, reason, now, CarrierOf(caller));
            return new ResourceStep<TrunkSanction>(sanction, () => _store.SanctionedAsync(sanction), () =>
            {
                _sanctions[trunk] = sanction;
                _suspended = _sanctions.Keys.ToHashSet(StringComparer.Ordinal);
            });
        });

    /// <summary>Lifts the trunk's sanction; null when none is in force.</summary>
    public TrunkSanction? Lift(string trunk, DateTimeOffset now) => LiftAsync(trunk, now).GetAwaiter().GetResult();

    /// <inheritdoc cref="Lift"/>
    public Task<TrunkSanction?> LiftAsync(string trunk, DateTimeOffset now) =>
        Change(new ResourceClaim([ResourceClaim.Sanction(trunk)]), () =>
        {
            if (!_sanctions.TryGetValue(trunk, out var sanction))
            {
                return new ResourceStep<TrunkSanction?>(null);
            }

            var lifted = sanction with { LiftedAt = now };
            if (!_options.Lifts)
            {
                return new ResourceStep<TrunkSanction?>(lifted);
            }

            return new ResourceStep<TrunkSanction?>(lifted, () => _store.LiftedAsync(lifted), () =>
            {
                _sanctions.Remove(trunk);
                _suspended = _sanctions.Keys.ToHashSet(StringComparer.Ordinal);
            });
        });

    public TrunkSanction? SanctionOf(string trunk)
    {
        lock (_lock)
        {
            return _sanctions.GetValueOrDefault(trunk);
        }
    }

    /// <summary>Whether the trunk is suspended; read on the call path, so a lock-free look at a set replaced on each change.</summary>
    public bool IsSuspended(string trunk) => _suspended.Contains(trunk);

    public void Dispose() => _store.Dispose();

    /// <summary>
    /// Makes one change: waits while a change meeting <paramref name="claim"/> is being written, then decides under the
    /// lock against memory as it stands (<paramref name="decide"/>), and when that calls for a write, holds the claim
    /// until the write is kept (and memory changed) or refused (and memory left as it was).
    /// </summary>
    private async Task<T> Change<T>(ResourceClaim claim, Func<ResourceStep<T>> decide)
    {
        while (true)
        {
            Task? busy;
            ResourceStep<T>? step = null;
            lock (_lock)
            {
                busy = _claims.FirstOrDefault(c => c.Meets(claim))?.Done.Task;
                if (busy is null)
                {
                    step = decide();
                    if (step.Write is null)
                    {
                        return step.Answer;
                    }

                    _claims.Add(claim);
                }
            }

            if (busy is not null)
            {
                await busy.ConfigureAwait(false);
                continue;
            }

            try
            {
                await step!.Write!().ConfigureAwait(false);
                lock (_lock)
                {
                    step.Apply?.Invoke();
                }

                return step.Answer;
            }
            finally
            {
                lock (_lock)
                {
                    _claims.Remove(claim);
                }

                claim.Done.TrySetResult();
            }
        }
    }

    private IEnumerable<DisciplineEntry> ListingsOf(string enterprise, ApiCaller caller) => Visible(caller).Where(e => e.Enterprise == enterprise);

    private IEnumerable<DisciplineEntry> Visible(ApiCaller caller)
    {
        var carrier = CarrierOf(caller);
        return _options.SharesList ? _list : _list.Where(e => e.Carrier == carrier);
    }

    /// <summary>Whom a key speaks for: its account (the carrier), or its id when it was issued without one.</summary>
    private static string CarrierOf(ApiCaller caller) => caller.Account.Length > 0 ? caller.Account : caller.KeyId;

    private static string NewId() => "allocation-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(6));
}
