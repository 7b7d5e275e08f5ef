using System.Runtime.CompilerServices;
using Microsoft.Extensions.Time.Testing;
using Sip.Proxy;
using Sip.Transactions;

namespace Sip.Tests.Proxy;

/// <summary>A lean table's keys as bytes in its arena: found by a message's key, holding no string of it.</summary>
public sealed class KeptKeyTests
{
    private static readonly TransactionKey Key = new("z9hG4bK-kept-1", "192.0.2.7:5060", "INVITE");

    [Test]
    public void AKeptKeyMatchesItsTransactionKeyAndNoOther()
    {
        var kept = KeptKey.Of(Key, new WireArena());

        Assert.Multiple(() =>
        {
            Assert.That(kept.Matches(new TransactionKey("z9hG4bK-kept-1", "192.0.2.7:5060", "INVITE")), Is.True);
            Assert.That(kept.Matches(new TransactionKey("z9hG4bK-kept-2", "192.0.2.7:5060", "INVITE")), Is.False);
            Assert.That(kept.Matches(new TransactionKey("z9hG4bK-kept-1", "192.0.2.7:5061", "INVITE")), Is.False);
            Assert.That(kept.Matches(new TransactionKey("z9hG4bK-kept-1", "192.0.2.7:5060", "BYE")), Is.False);
            Assert.That(kept.GetHashCode(), Is.EqualTo(Key.GetHashCode()));
        });
    }

    [Test]
    public void AKeptKeyReadsBackAsItsKeyWhateverItsLength()
    {
        // A legacy (RFC 2543) key is the joined dialog and Via: longer than the stack's share, and not only ASCII.
        var legacy = new TransactionKey($"sip:用户@example.com|{new string('x', 600)}", "[2001:db8::1]:5060", "REGISTER");

        Assert.Multiple(() =>
        {
            Assert.That(KeptKey.Of(Key, new WireArena()).ToKey(), Is.EqualTo(Key));
            Assert.That(KeptKey.Of(legacy, new WireArena()).ToKey(), Is.EqualTo(legacy));
            Assert.That(KeptKey.Of(legacy, new WireArena()).Matches(legacy), Is.True);
            Assert.That(KeptKey.Of(legacy, arena: null).Equals(KeptKey.Of(legacy, new WireArena())), Is.True);
        });
    }

    [Test]
    public void ALingeringTableFindsAKeyWithoutKeepingItsBranchAlive()
    {
        var time = new FakeTimeProvider();
        var table = new LingeringTable(TimerWheel.For(time), time, TimeSpan.FromSeconds(32));
        var branch = RememberWithFreshBranch(table);

        GC.Collect();
        GC.WaitForPendingFinalizers();

        Assert.Multiple(() =>
        {
            Assert.That(branch.IsAlive, Is.False, "the table keeps the branch's bytes, not its string");
            Assert.That(table.Contains(new TransactionKey("z9hG4bK-fresh-7", "192.0.2.7:5060", "BYE")), Is.True);
            Assert.That(table.Contains(new TransactionKey("z9hG4bK-fresh-8", "192.0.2.7:5060", "BYE")), Is.False);
        });
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference RememberWithFreshBranch(LingeringTable table)
    {
        var branch = string.Concat("z9hG4bK-fresh-", 7.ToString(System.Globalization.CultureInfo.InvariantCulture));
        table.Remember(new TransactionKey(branch, "192.0.2.7:5060", "BYE"));
        return new WeakReference(branch);
    }
}
