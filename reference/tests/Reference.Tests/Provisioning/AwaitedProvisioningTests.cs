using Labelling;
using Reference.Storage;
using Screening;
using Screening.Directory;

namespace Reference.Tests.Provisioning;

/// <summary>
/// Provisioning awaited (<see cref="InMemoryDirectory.TryAddAsync(Enterprise)"/> and the rest, which the provisioning
/// APIs call): each awaits the store's own asynchronous write, holding no thread; memory changes only once the write is
/// kept, and not at all when it is refused; a second write waits for the first's turn, so that its checks see what
/// the first wrote.
/// </summary>
public sealed class AwaitedProvisioningTests
{
    private static readonly Enterprise Courier = new("ent-courier", "Courier Ltd", Sector.Other);

    [Test]
    public async Task AnAwaitedTrunkShowsOnlyOnceTheStoreKeptIt()
    {
        var store = new HeldStore();
        var directory = new InMemoryDirectory(store);
        var adding = directory.TryAddAsync(Courier);
        var pendingEnterprise = adding.IsCompleted;
        var before = directory.FindEnterprise(Courier.Id);
        store.Release();
        var added = await adding;

        store.Hold();
        var trunk = new TrunkRecord("trunk-courier", Courier.Id, Realm.Access, "192.0.2.7:5060");
        var range = new AllocatedRange("13900000000", "13900000099", Courier.Id, InboundOnly: false);
        var first = directory.TryAddAsync(trunk, [range]);
        // The same range again, asked while the first is written: it must wait for the first's turn and then conflict.
        var second = directory.TryAddAsync(trunk with { Id = "trunk-other", Source = "192.0.2.8:5060" }, [range]);
        var pendingTrunks = (first.IsCompleted, second.IsCompleted, directory.RangeOf("13900000050"), directory.TrunkAt("192.0.2.7:5060"));
        store.Release();
        var (firstConflict, secondConflict) = (await first, await second);

        Assert.Multiple(() =>
        {
            Assert.That(pendingEnterprise, Is.False, "the enterprise waits for the store's write");
            Assert.That(before, Is.Null, "nothing shows before the write is kept");
            Assert.That(added, Is.True);
            Assert.That(pendingTrunks.Item1 || pendingTrunks.Item2, Is.False, "both trunks wait: the first for the store, the second for its turn");
            Assert.That(pendingTrunks.Item3, Is.Null, "no range shows before the write is kept");
            Assert.That(pendingTrunks.Item4, Is.Null, "no trunk shows before the write is kept");
            Assert.That(firstConflict, Is.Null, "the first trunk is added");
            Assert.That(secondConflict, Does.StartWith("ranges[0]: overlaps 13900000000-13900000099"), "the second sees the first's range");
            Assert.That(directory.RangeOf("13900000050")?.EnterpriseId, Is.EqualTo(Courier.Id));
            Assert.That(directory.TrunkAt("192.0.2.7:5060")?.Id, Is.EqualTo("trunk-courier"));
            Assert.That(store.AsyncWrites, Is.EqualTo(2), "written through the store's awaited writes, not its blocking ones");
        });
    }

    [Test]
    public void AnAwaitedListTheStoreRefusesChangesNothing()
    {
        var store = new HeldStore();
        var directory = new InMemoryDirectory(store);
        var adding = directory.AddDoNotOriginateAsync(["13700000001"]);
        store.Refuse();

        Assert.ThrowsAsync<StorageException>(async () => await adding);
        Assert.That(directory.IsDoNotOriginate("13700000001"), Is.False);
    }

    /// <summary>A store whose awaited writes wait until the test releases or refuses them; its blocking writes are not expected.</summary>
    private sealed class HeldStore : IDirectoryStore
    {
        private TaskCompletionSource _write = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int AsyncWrites { get; private set; }

        public string Description => "held by the test";

        public ILabelJournal Labels => NoLabelJournal.Instance;

        public void Hold() => _write = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => _write.TrySetResult();

        public void Refuse() => _write.TrySetException(new StorageException("refused by the test"));

        public DirectorySnapshot Load() => DirectorySnapshot.Empty;

        public void AddEnterprise(Enterprise enterprise) => throw Blocking();

        public void AddTrunk(TrunkRecord trunk, IReadOnlyList<AllocatedRange> ranges) => throw Blocking();

        public void SaveConsent(Consent consent) => throw Blocking();

        public void AddRefusal(string enterpriseId, string callee) => throw Blocking();

        public void AddRoaming(IReadOnlyList<string> numbers) => throw Blocking();

        public void AddDoNotOriginate(IReadOnlyList<string> numbers) => throw Blocking();

        public void SaveSetting(string name, string json) => throw Blocking();

        public IReadOnlyList<string> LabelOnlyCallees() => [];

        public void AddLabelOnlyCallees(IReadOnlyList<string> numbers) => throw Blocking();

        public IReadOnlyList<string> SigningPeers() => [];

        public void AddSigningPeer(string address) => throw Blocking();

        public Task AddEnterpriseAsync(Enterprise enterprise) => Held();

        public Task AddTrunkAsync(TrunkRecord trunk, IReadOnlyList<AllocatedRange> ranges) => Held();

        public Task AddDoNotOriginateAsync(IReadOnlyList<string> numbers) => Held();

        public void Dispose()
        {
        }

        private static InvalidOperationException Blocking() => new("a blocking write");

        private Task Held()
        {
            AsyncWrites++;
            return _write.Task;
        }
    }
}
