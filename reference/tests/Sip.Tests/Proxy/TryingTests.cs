namespace Sip.Tests.Proxy;

/// <summary>
/// RFC 3261 §17.2.1: a forwarded INVITE gets 100 Trying from the proxy only when nothing answers it within 200 ms; a
/// callee that rings or answers sooner stops the caller's retransmissions itself, and no 100 is sent.
/// </summary>
public sealed class TryingTests
{
    private static readonly TimeSpan After = TimeSpan.FromMilliseconds(200);

    private static ProxyRig Rig() => new(options => options with { TryingAfter = After });

    [Test]
    public void ACalleeThatRingsAtOnceLeavesNo100()
    {
        var rig = Rig();
        rig.FromCaller(ProxyRig.Invite());

        rig.Answer(rig.ForwardedInvite, 180);
        rig.Advance(TimeSpan.FromSeconds(1));
        rig.Answer(rig.ForwardedInvite, 200);

        Assert.That(rig.StatusesToCaller, Is.EqualTo(new[] { 180, 200 }));
    }

    [Test]
    public void ACalleeThatRejectsAtOnceLeavesNo100()
    {
        var rig = Rig();
        rig.FromCaller(ProxyRig.Invite());

        rig.Answer(rig.ForwardedInvite, 486);

        // Past the wait, before timer G sends the 486 again.
        rig.Advance(After + TimeSpan.FromMilliseconds(100));

        Assert.That(rig.StatusesToCaller, Is.EqualTo(new[] { 486 }));
    }

    [Test]
    public void ASilentCalleeLeavesTheCaller100AfterTheWaitAndItsOwn100IsNotEnough()
    {
        var rig = Rig();
        rig.FromCaller(ProxyRig.Invite());
        rig.Answer(rig.ForwardedInvite, 100);

        var before = rig.StatusesToCaller.ToList();
        rig.Advance(After + TimeSpan.FromMilliseconds(100));

        Assert.Multiple(() =>
        {
            Assert.That(before, Is.Empty, "nothing yet: the callee's 100 is not relayed");
            Assert.That(rig.StatusesToCaller, Is.EqualTo(new[] { 100 }), "the proxy's own 100, once");
        });

        rig.Answer(rig.ForwardedInvite, 180);
        Assert.That(rig.StatusesToCaller, Is.EqualTo(new[] { 100, 180 }));
    }

    [Test]
    public void ARetransmittedInviteAfterThe100IsAnsweredWithIt()
    {
        var rig = Rig();
        rig.FromCaller(ProxyRig.Invite());
        rig.Advance(After + TimeSpan.FromMilliseconds(100));

        rig.FromCaller(ProxyRig.Invite());

        Assert.That(rig.StatusesToCaller, Is.EqualTo(new[] { 100, 100 }));
    }
}
