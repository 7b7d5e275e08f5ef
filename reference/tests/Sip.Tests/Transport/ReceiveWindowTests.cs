using System.Diagnostics;
using Sip.Transport;

namespace Sip.Tests.Transport;

/// <summary>
/// How the receive window decides, after a pause, whether to pause again or wait (<see cref="ReceiveWindow.PauseAgain"/>):
/// it pauses until pauses after a take of that size have found nothing, waits then, and learns from each wait what the
/// skipped pause would have found. Decisions only: no loop, no clock but timestamps given.
/// </summary>
public sealed class ReceiveWindowTests
{
    private const int Microseconds = 200;
    private static readonly long Window = Stopwatch.Frequency * Microseconds / 1_000_000;

    [Test]
    public void AFreshWindowPausesAgainAfterAnyTake()
    {
        var window = new ReceiveWindow(Microseconds, usable: true);

        Assert.That(Enumerable.Range(1, ReceiveBatch.Slots).All(window.PauseAgain), Is.True);
    }

    [Test]
    public void PausesThatFollowATakeWithNothingTwiceMakeTheLoopWaitAfterSuchATake()
    {
        var window = new ReceiveWindow(Microseconds, usable: true);

        window.Learn(3, foundSome: false);
        Assert.That(window.PauseAgain(3), Is.True, "one empty pause is not yet a pattern");
        window.Learn(3, foundSome: false);

        Assert.That(window.PauseAgain(3), Is.False, "after a take of 3 the pauses find nothing: wait");
        Assert.That(window.PauseAgain(12), Is.True, "a take of another size still pauses");
    }

    [Test]
    public void AWaitThatEndsWithinAWindowTeachesThatThePauseWouldHaveFoundSomething()
    {
        var window = EmptyAfterThree();

        // Skipped, and the wait ended within a window: a pause would have found that datagram.
        Assert.That(window.PauseAgain(3), Is.False);
        window.Waited(1_000, 1_000 + Window / 2);

        Assert.That(window.PauseAgain(3), Is.True);
    }

    [Test]
    public void AWaitLongerThanAWindowConfirmsThatThePauseWouldHaveFoundNothing()
    {
        var window = EmptyAfterThree();

        for (var skipped = 0; skipped < 5; skipped++)
        {
            Assert.That(window.PauseAgain(3), Is.False);
            window.Waited(1_000, 1_000 + 3 * Window);
        }

        window.Learn(3, foundSome: true);
        Assert.That(window.PauseAgain(3), Is.False, "what the waits taught outweighs one pause that found something");
    }

    [Test]
    public void AWaitAfterNoSkippedPauseTeachesNothing()
    {
        var window = new ReceiveWindow(Microseconds, usable: true);
        window.Learn(3, foundSome: false);

        window.Waited(1_000, 1_000 + 3 * Window);

        Assert.That(window.PauseAgain(3), Is.True, "only the pause's own outcome counted");
    }

    private static ReceiveWindow EmptyAfterThree()
    {
        var window = new ReceiveWindow(Microseconds, usable: true);
        window.Learn(3, foundSome: false);
        window.Learn(3, foundSome: false);
        return window;
    }
}
