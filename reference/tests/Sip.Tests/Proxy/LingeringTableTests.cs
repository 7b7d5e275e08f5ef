using Microsoft.Extensions.Time.Testing;
using Sip.Proxy;
using Sip.Transactions;

namespace Sip.Tests.Proxy;

/// <summary>The lean memory of answered requests: each key for its lifetime from when it was last remembered.</summary>
public sealed class LingeringTableTests
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(32);

    [Test]
    public void KeysAreForgottenInTheOrderTheyCameEachAfterItsLifetimeAndAKeyRememberedAgainLivesOn()
    {
        var time = new FakeTimeProvider();
        var table = new LingeringTable(TimerWheel.For(time), time, Lifetime);
        var first = new TransactionKey("z9hG4bK-1", "127.0.0.1:5060", "BYE");
        var second = new TransactionKey("z9hG4bK-2", "127.0.0.1:5060", "BYE");

        table.Remember(first);
        time.Advance(TimeSpan.FromSeconds(10));
        table.Remember(second);
        time.Advance(TimeSpan.FromSeconds(10));
        table.Remember(first);
        time.Advance(TimeSpan.FromSeconds(12.5));
        var at32 = (table.Contains(first), table.Contains(second));
        time.Advance(TimeSpan.FromSeconds(10));
        var at42 = (table.Contains(first), table.Contains(second));
        time.Advance(TimeSpan.FromSeconds(10));
        var at52 = (table.Contains(first), table.Contains(second));

        Assert.Multiple(() =>
        {
            Assert.That(at32, Is.EqualTo((true, true)), "the first was remembered again at 20 s");
            Assert.That(at42, Is.EqualTo((true, false)));
            Assert.That(at52, Is.EqualTo((false, false)));
            Assert.That(table.Count, Is.Zero);
        });
    }

    [Test]
    public void AKeyPastItsLifetimeIsNotFoundBeforeTheNextSweep()
    {
        var time = new FakeTimeProvider();
        var table = new LingeringTable(TimerWheel.For(time), time, Lifetime);
        var first = new TransactionKey("z9hG4bK-1", "127.0.0.1:5060", "BYE");
        var second = new TransactionKey("z9hG4bK-2", "127.0.0.1:5060", "BYE");

        table.Remember(first);
        time.Advance(TimeSpan.FromSeconds(0.5));
        table.Remember(second);

        // The sweep at 32 s forgets the first; the next comes no sooner than a second later (a sweep a tick would wake
        // the wheel's thread twenty times a second under load), after the second's time is up at 32.5 s.
        time.Advance(TimeSpan.FromSeconds(31.5));
        time.Advance(TimeSpan.FromSeconds(0.7));
        var found = (table.Contains(second), table.TryGetAnswer(second, out _));

        Assert.Multiple(() =>
        {
            Assert.That(found, Is.EqualTo((false, false)), "its time was up at 32.5 s");
            Assert.That(table.Count, Is.Zero);
        });
    }
}
