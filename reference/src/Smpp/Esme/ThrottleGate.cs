namespace Smpp.Esme;

/// <summary>
/// The pause the SMSC asks for when it answers Throttled: it grows with each throttle in a row (back-off) and ends
/// with the first acceptance; the send loop waits it out before each submit_sm.
/// </summary>
internal sealed class ThrottleGate(EsmeOptions options, TimeProvider time)
{
    private readonly Lock _gate = new();
    private int _throttlesInARow;
    private DateTimeOffset _resumeAt;

    public void Accepted()
    {
        lock (_gate)
        {
            _throttlesInARow = 0;
        }
    }

    public void Throttled()
    {
        lock (_gate)
        {
            _throttlesInARow++;
            var resume = time.GetUtcNow() + BackOff.Delay(options.ThrottleInitialDelay, options.ThrottleMaxDelay, _throttlesInARow);
            _resumeAt = resume > _resumeAt ? resume : _resumeAt;
        }
    }

    public async Task WaitOutAsync(CancellationToken token)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_gate)
            {
                wait = _resumeAt - time.GetUtcNow();
            }

            if (wait <= TimeSpan.Zero)
            {
                return;
            }

            await Task.Delay(wait, time, token).ConfigureAwait(false);
        }
    }
}
