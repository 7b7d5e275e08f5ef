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
/// <para>
/// A pause that finds nothing is a wake-up for nothing: each one is a crossing into the kernel and a return to the
/// processor, which on a virtual machine costs more than handling a datagram. Traffic that comes in bursts (a peer that
/// sends what its own loop gathered at once) ends each burst with one: under sipp at 4,000 calls a second, a pause that
/// took 1 to 7 datagrams was followed by an empty one 98 % of the time, a third of all pauses. So the window learns,
/// for each count a pause took, whether the pause after such a take tends to find anything (<see cref="PauseAgain"/>),
/// and when it tends not to the loop waits instead. Waiting never holds a datagram longer than pausing would, and it
/// tells what the skipped pause would have found: whether the wait ended within one window (<see cref="Waited"/>). Traffic
/// that comes evenly keeps every pause, as before.
/// </para>
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

    // For each count a pause took (1 to a full batch), a counter from 0 to 3 of how the pause after such a take went:
    // up when it found nothing, down when it found something. From 2 the loop waits instead of pausing.
    private readonly byte[] _emptyAfter = new byte[ReceiveBatch.Slots + 1];
    private const byte WaitFrom = 2;
    private const byte Saturated = 3;

    // The count after which the loop last waited instead of pausing (0: it did not), until its wait tells what the
    // skipped pause would have found.
    private int _skippedAfter;

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

    /// <summary>
    /// Whether to pause again after a pause that took <paramref name="taken"/> datagrams (fewer than a full batch): false
    /// when pauses after such a take have lately found nothing. Deciding not to is remembered, for <see cref="Waited"/>.
    /// </summary>
    public bool PauseAgain(int taken)
    {
        var index = Math.Clamp(taken, 1, ReceiveBatch.Slots);
        if (_emptyAfter[index] < WaitFrom)
        {
            return true;
        }

        _skippedAfter = index;
        return false;
    }

    /// <summary>What the pause after a pause that took <paramref name="taken"/> datagrams found.</summary>
    public void Learn(int taken, bool foundSome)
    {
        ref var counter = ref _emptyAfter[Math.Clamp(taken, 1, ReceiveBatch.Slots)];
        counter = foundSome ? (byte)Math.Max(counter - 1, 0) : (byte)Math.Min(counter + 1, Saturated);
    }

    /// <summary>
    /// A wait for a datagram began at <paramref name="waitedFrom"/> and one came at <paramref name="receivedAt"/>: if the
    /// loop waited instead of pausing, a pause would have found something exactly when the wait ended within a window.
    /// </summary>
    public void Waited(long waitedFrom, long receivedAt)
    {
        if (_skippedAfter > 0)
        {
            Learn(_skippedAfter, Busy(waitedFrom, receivedAt));
            _skippedAfter = 0;
        }
    }
}
