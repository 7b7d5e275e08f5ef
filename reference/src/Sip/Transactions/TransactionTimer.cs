namespace Sip.Transactions;

/// <summary>One named timer of a transaction, on the injected <see cref="TimeProvider"/>; re-arming replaces the pending shot.</summary>
internal sealed class TransactionTimer(TimeProvider time, Action fired) : IDisposable
{
    private ITimer? _timer;

    public TimeSpan Interval { get; private set; }

    public void Arm(TimeSpan due)
    {
        Interval = due;
        _timer?.Dispose();
        _timer = time.CreateTimer(_ => fired(), null, due, Timeout.InfiniteTimeSpan);
    }

    public void Cancel()
    {
        _timer?.Dispose();
        _timer = null;
    }

    public void Dispose() => Cancel();
}
