using System.Diagnostics;

namespace Sip.Transport;

/// <summary>
/// How long a busy UDP receive loop pauses between batches so that each wake-up takes several datagrams, as a network
/// card's interrupt moderation does: at thousands of datagrams a second the loop otherwise wakes, crosses into the
/// kernel to receive and again to send, for nearly every datagram alone, and on a virtual machine each crossing and
/// each wake-up costs more than handling the datagram.
/// </summary>
/// <remarks>
/// The loop is busy when its wait for a datagram ended within one window of starting: datagrams come faster than one a
/// window, so a pause of one window will find some. It then pauses, takes what is queued without waiting, and does so
/// again until a pause finds nothing, when it goes back to waiting: an idle socket costs no wake-ups, and a datagram
/// that ends a longer wait is handled at once. A datagram is held at most one window (and the timer's lateness,
/// <see cref="PreciseSleep.LimitLateness"/>), and none is dropped for it: what a window gathers is far below what the
/// socket's receive buffer holds (see <see cref="MaxMicroseconds"/>).
/// </remarks>
internal sealed class ReceiveWindow
{
    /// <summary>
    /// The longest window allowed. At 22,000 datagrams a second (4,000 intercepted and 2,000 forwarded calls a second
    /// into one socket, the highest rate the node is measured at) 1 ms gathers 22 datagrams, a few tens of kilobytes of a
    /// socket buffer of megabytes; what it adds to a call's answer time is what grows first.
    /// </summary>
    public const int MaxMicroseconds = 1_000;

    private readonly long _ticks;

    /// <param name="usable">Whether the loop can take what is queued without waiting (it receives in batches).</param>
    public ReceiveWindow(int microseconds, bool usable)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(microseconds);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(microseconds, MaxMicroseconds);
        Microseconds = usable && PreciseSleep.Available ? microseconds : 0;
        _ticks = Stopwatch.Frequency * Microseconds / 1_000_000;
    }

    /// <summary>The window in microseconds; 0 when off, as asked or because this system cannot pause that briefly.</summary>
    public int Microseconds { get; }

    public bool On => Microseconds > 0;

    /// <summary>Whether a wait for a datagram that began at <paramref name="waitedFrom"/> and ended at <paramref name="receivedAt"/> (timestamps) shows a busy socket.</summary>
    public bool Busy(long waitedFrom, long receivedAt) => receivedAt - waitedFrom < _ticks;

    /// <summary>Called once by the loop's own thread before its first pause: its pauses end within a tenth of the window (at least 1 µs).</summary>
    public void Prepare() => PreciseSleep.LimitLateness(Math.Max(1_000, Microseconds * 100));

    public void Pause() => PreciseSleep.Microseconds(Microseconds);
}
