using System.Collections.Concurrent;
using Labelling;
using Reference.Storage;
using Screening;
using Screening.Rules;

namespace Reference.LabelService;

/// <summary>
/// Carrier analytics as a label source: a caller the one-ring rule intercepts is flagged as harassment, so apps
/// looking the number up see it too (source carrier-analytics). The flag is written without holding the call: the
/// signalling thread starts the write and goes on, and the flag shows once the store has kept it. A flag the store
/// refuses is kept pending and written again, after 1 s and then twice as long each time up to a minute, until the
/// store keeps it or the node stops: the caller may not ring again for the flag to be raised. A caller whose flag is
/// pending starts no second write; beyond <see cref="PendingKept"/> pending callers a refused flag is dropped, said in
/// the log, so that an outage of the store cannot grow the node's memory without end.
/// </summary>
public sealed class OneRingAnalytics(LabelBook book, TimeProvider time, ILogger<OneRingAnalytics> logger) : ICallObserver, IDisposable
{
    public const int PendingKept = 100_000;
    public static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan LongestRetry = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, byte> _pending = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Callers whose flag the store refused and that wait to be written again.</summary>
    public int Pending => _pending.Count;

    public void OnScreened(CallAttempt call, ScreeningDecision decision)
    {
        if (decision.IsIntercepted && decision.RuleId == RuleIds.OneRing)
        {
            var number = call.Caller.National;
            if (_pending.ContainsKey(number))
            {
                return;
            }

            var flagging = book.FlagAsync(number, LabelCategory.Harassment, call.At);
            if (!flagging.IsCompletedSuccessfully)
            {
                _ = KeepAsync(number, call.At, flagging);
            }
        }
    }

    public void OnAlerting(CallAttempt call, DateTimeOffset at)
    {
    }

    public void OnAnswered(CallAttempt call, DateTimeOffset at)
    {
    }

    public void OnEnded(CallAttempt call, CallEnd end, DateTimeOffset at)
    {
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    /// <summary>
    /// Awaits the first write and, if the store refuses it (<see cref="StorageException"/>, or an I/O error of a
    /// journal on disk), writes the flag again until it is kept. Anything else is a fault of the node, not an outage of
    /// the store, and is not written again.
    /// </summary>
    private async Task KeepAsync(string number, DateTimeOffset at, Task flagging)
    {
        try
        {
            await flagging.ConfigureAwait(false);
            return;
        }
        catch (Exception refused) when (refused is StorageException or IOException)
        {
            if (!_pending.TryAdd(number, 0))
            {
                return;
            }

            if (_pending.Count > PendingKept)
            {
                _pending.TryRemove(number, out _);
                logger.LogError(refused, "The store refused the one-ring flag of {Number} and {Pending} flags already wait to be written again: this one is dropped", number, PendingKept);
                return;
            }

            logger.LogWarning(refused, "The store refused the one-ring flag of {Number}; it is kept and written again until the store keeps it", number);
        }

        var delay = FirstRetry;
        try
        {
            while (true)
            {
                await Task.Delay(delay, time, _stopping.Token).ConfigureAwait(false);
                try
                {
                    await book.FlagAsync(number, LabelCategory.Harassment, at).ConfigureAwait(false);
                    logger.LogInformation("The one-ring flag of {Number} is stored", number);
                    return;
                }
                catch (Exception again) when (again is StorageException or IOException && !_stopping.IsCancellationRequested)
                {
                    logger.LogDebug(again, "The store refused the one-ring flag of {Number} again; next try in {Delay}", number, delay * 2);
                    delay = delay * 2 < LongestRetry ? delay * 2 : LongestRetry;
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // The node stops: a flag still pending is lost with the node's memory, as any unwritten change is.
        }
        catch (ObjectDisposedException)
        {
        }
        finally
        {
            _pending.TryRemove(number, out _);
        }
    }
}
