using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Smpp.Pdus;
using Smpp.Receipts;
using Smpp.Transport;

namespace Smpp.Esme;

/// <summary>
/// An ESME that keeps one bound link to an SMSC: it reconnects with back-off, keeps the link alive with
/// enquire_link, keeps at most <see cref="EsmeOptions.WindowSize"/> submit_sm unanswered, pauses when
/// throttled, and ends every submission with a result: accepted, or recorded undeliverable with a reason.
/// This class takes submissions and keeps the link up; what goes over a link is <see cref="LinkTraffic"/>'s,
/// segmentation <see cref="SubmitSegmenter"/>'s, results and expiry <see cref="SubmissionLedger"/>'s, and the
/// throttle pause <see cref="ThrottleGate"/>'s.
/// </summary>
public sealed class EsmeClient : IAsyncDisposable
{
    private readonly EsmeOptions _options;
    private readonly Func<CancellationToken, ValueTask<Stream>> _connect;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Channel<Segment> _queue = Channel.CreateUnbounded<Segment>();
    private readonly SequenceNumbers _sequences = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly SubmitSegmenter _segmenter;
    private readonly SubmissionLedger _ledger;
    private readonly LinkTraffic _traffic;
    private Task? _run;
    private BoundLink? _current;
    private volatile bool _accepting = true;
    private int _binds;
    private int _connectAttempts;

    public EsmeClient(EsmeOptions options, Func<CancellationToken, ValueTask<Stream>> connect, TimeProvider? time = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _connect = connect;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _segmenter = new SubmitSegmenter(options.PackGsm7);
        _ledger = new SubmissionLedger(options, _time, _logger, result => Notify(Completed, result));
        _traffic = new LinkTraffic(options, _time, _logger, _queue, _sequences, new ThrottleGate(options, _time), _ledger,
            deliver => Notify(DeliverReceived, deliver), receipt => Notify(ReceiptReceived, receipt));
    }

    /// <summary>Raised once per submission when its result is known.</summary>
    public event Action<SubmissionResult>? Completed;

    /// <summary>Raised for each deliver_sm the SMSC sends (already answered), receipts included.</summary>
    public event Action<ShortMessagePdu>? DeliverReceived;

    /// <summary>Raised for each delivery receipt the SMSC sends, naming the message id its submit_sm_resp gave.</summary>
    public event Action<DeliveryReceipt>? ReceiptReceived;

    public int Binds => Volatile.Read(ref _binds);

    public int ConnectAttempts => Volatile.Read(ref _connectAttempts);

    public bool IsBound => Volatile.Read(ref _current) is not null;

    public IReadOnlyList<SubmissionResult> Undeliverable => _ledger.Undeliverable;

    public void Start() => _run ??= Task.Run(() => RunAsync(_stopping.Token));

    /// <summary>Queues a message; the task ends with its result and never faults.</summary>
    public Task<SubmissionResult> SubmitAsync(OutboundMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var submission = new Submission(message, _time.GetUtcNow());
        if (!_accepting)
        {
            return Task.FromResult(_ledger.Complete(submission, SubmissionOutcome.Undeliverable, CommandStatus.Ok, "the ESME is stopping and takes no new messages"));
        }

        List<Segment> segments;
        try
        {
            segments = _segmenter.Split(submission);
        }
        catch (ArgumentException e)
        {
            return Task.FromResult(_ledger.Complete(submission, SubmissionOutcome.Undeliverable, CommandStatus.Ok, e.Message));
        }

        _ledger.Open(submission, segments.Count);
        foreach (var segment in segments)
        {
            _queue.Writer.TryWrite(segment);
        }

        return submission.Done.Task;
    }

    /// <summary>Waits up to <paramref name="drain"/> for open submissions, unbinds, and records what is left as undeliverable.</summary>
    public async Task StopAsync(TimeSpan drain)
    {
        _accepting = false;
        var open = _ledger.OpenTasks();
        if (drain > TimeSpan.Zero && open.Length > 0)
        {
            try
            {
                await Task.WhenAll(open).WaitAsync(drain, _time).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                _logger.LogWarning("{Count} submission(s) still open when the drain time ended", open.Count(t => !t.IsCompleted));
            }
        }

        var link = Volatile.Read(ref _current);
        if (link is not null)
        {
            try
            {
                await link.Connection.WriteAsync(new HeaderOnlyPdu(CommandId.Unbind) { SequenceNumber = _sequences.Next() }, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException)
            {
                _logger.LogDebug("unbind not sent: {Reason}", e.Message);
            }
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_run is not null)
        {
            await _run.ConfigureAwait(false);
        }

        _ledger.AbandonOpen();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.Zero).ConfigureAwait(false);
        _stopping.Dispose();
    }

    /// <summary>Connects, binds and serves until the link ends, then again after a back-off, until stopped.</summary>
    private async Task RunAsync(CancellationToken stop)
    {
        var failures = 0;
        while (!stop.IsCancellationRequested)
        {
            PduConnection? connection = null;
            BoundLink? link = null;
            try
            {
                Interlocked.Increment(ref _connectAttempts);
                var stream = await _connect(stop).ConfigureAwait(false);
                connection = new PduConnection(stream);
                link = new BoundLink(connection, _options.WindowSize, _time.GetUtcNow());
                await _traffic.BindAsync(link, stop).ConfigureAwait(false);
                failures = 0;
                Interlocked.Increment(ref _binds);
                Volatile.Write(ref _current, link);
                await _traffic.ServeAsync(link, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
            catch (Exception e) when (e is IOException or TimeoutException or InvalidDataException or SmppBindException or System.Net.Sockets.SocketException or ObjectDisposedException or OperationCanceledException)
            {
                _logger.LogWarning("SMPP link down: {Reason}", e.Message);
            }
            finally
            {
                Volatile.Write(ref _current, null);
                if (link is not null)
                {
                    _traffic.RequeueInFlight(link);
                }

                // "!= null" rather than "is not null": the form the disposal analysis (CA2000) reads as a dispose on all paths.
                if (connection != null)
                {
                    await connection.DisposeAsync().ConfigureAwait(false);
                }
            }

            if (stop.IsCancellationRequested)
            {
                break;
            }

            failures++;
            _ledger.ExpireStale();
            var delay = BackOff.Delay(_options.ReconnectInitialDelay, _options.ReconnectMaxDelay, failures);
            _logger.LogInformation("reconnecting to the SMSC in {Delay} (failure {Failures} in a row)", delay, failures);
            try
            {
                await Task.Delay(delay, _time, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <summary>A subscriber that throws must not take the link down with it.</summary>
    private void Notify<T>(Action<T>? handler, T value)
    {
        try
        {
            handler?.Invoke(value);
        }
        // Boundary: subscribers are the application's code, and whatever they throw must not take the link down.
#pragma warning disable CA1031
        catch (Exception e)
#pragma warning restore CA1031
        {
            _logger.LogError(e, "a {Event} subscriber threw; the ESME carries on", typeof(T).Name);
        }
    }
}
