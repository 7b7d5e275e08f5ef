using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Smpp.Codec;
using Smpp.Pdus;
using Smpp.Receipts;
using Smpp.Text;
using Smpp.Transport;

namespace Smpp.Esme;

/// <summary>
/// An ESME that keeps one bound link to an SMSC: it reconnects with back-off, keeps the link alive with
/// enquire_link, keeps at most <see cref="EsmeOptions.WindowSize"/> submit_sm unanswered, pauses when
/// throttled, and ends every submission with a result: accepted, or recorded undeliverable with a reason.
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
    private readonly Lock _gate = new();
    private readonly Queue<SubmissionResult> _undeliverable = new();
    private readonly HashSet<Submission> _open = [];
    private Task? _run;
    private Link? _current;
    private volatile bool _accepting = true;
    private int _throttlesInARow;
    private DateTimeOffset _resumeAt;
    private int _reference;
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

    public IReadOnlyList<SubmissionResult> Undeliverable
    {
        get
        {
            lock (_gate)
            {
                return [.. _undeliverable];
            }
        }
    }

    public void Start() => _run ??= Task.Run(() => RunAsync(_stopping.Token));

    /// <summary>Queues a message; the task ends with its result and never faults.</summary>
    public Task<SubmissionResult> SubmitAsync(OutboundMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var queuedAt = _time.GetUtcNow();
        var submission = new Submission(message, queuedAt);
        if (!_accepting)
        {
            return Task.FromResult(Complete(submission, SubmissionOutcome.Undeliverable, CommandStatus.Ok, "the ESME is stopping and takes no new messages"));
        }

        List<Segment> segments;
        try
        {
            segments = BuildSegments(submission);
        }
        catch (ArgumentException e)
        {
            return Task.FromResult(Complete(submission, SubmissionOutcome.Undeliverable, CommandStatus.Ok, e.Message));
        }

        lock (_gate)
        {
            submission.Expect(segments.Count);
            _open.Add(submission);
        }

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
        Task[] open;
        lock (_gate)
        {
            open = [.. _open.Select(s => (Task)s.Done.Task)];
        }

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

        Submission[] left;
        lock (_gate)
        {
            left = [.. _open];
        }

        foreach (var submission in left)
        {
            Complete(submission, SubmissionOutcome.Undeliverable, submission.LastStatus, "the ESME stopped before the SMSC accepted it");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.Zero).ConfigureAwait(false);
        _stopping.Dispose();
    }

    private List<Segment> BuildSegments(Submission submission)
    {
        var message = submission.Message;
        var reference = (byte)Interlocked.Increment(ref _reference);
        var parts = MessageSegmenter.Split(message.Text, message.DataCoding, reference, _options.PackGsm7);
        var segments = new List<Segment>(parts.Count);
        for (var i = 0; i < parts.Count; i++)
        {
            var pdu = new ShortMessagePdu(CommandId.SubmitSm)
            {
                SourceTon = message.SourceTon,
                SourceNpi = message.SourceNpi,
                SourceAddress = message.Source,
                DestinationTon = message.DestinationTon,
                DestinationNpi = message.DestinationNpi,
                DestinationAddress = message.Destination,
                EsmClass = parts[i].HasUserDataHeader ? ShortMessagePdu.UdhIndicator : (byte)0,
                DataCoding = message.DataCoding,
                RegisteredDelivery = message.RequestReceipt ? DeliveryReceipt.ReceiptRequested : (byte)0,
                ShortMessage = parts[i].ShortMessage,
            };
            _ = PduCodec.Encode(pdu);
            segments.Add(new Segment(submission, i, pdu));
        }

        return segments;
    }

    private async Task RunAsync(CancellationToken stop)
    {
        var failures = 0;
        while (!stop.IsCancellationRequested)
        {
            Link? link = null;
            try
            {
                Interlocked.Increment(ref _connectAttempts);
                var stream = await _connect(stop).ConfigureAwait(false);
                link = new Link(new PduConnection(stream), _options.WindowSize, _time.GetUtcNow());
                await BindAsync(link, stop).ConfigureAwait(false);
                failures = 0;
                Interlocked.Increment(ref _binds);
                Volatile.Write(ref _current, link);
                await ServeAsync(link, stop).ConfigureAwait(false);
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
                    RequeueInFlight(link);
                    await link.Connection.DisposeAsync().ConfigureAwait(false);
                }
            }

            if (stop.IsCancellationRequested)
            {
                break;
            }

            failures++;
            ExpireStale();
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

    private async Task BindAsync(Link link, CancellationToken stop)
    {
        var sequence = _sequences.Next();
        var bind = new BindRequest(_options.BindCommand)
        {
            SystemId = _options.SystemId,
            Password = _options.Password,
            SystemType = _options.SystemType,
            SequenceNumber = sequence,
        };
        await link.Connection.WriteAsync(bind, stop).ConfigureAwait(false);
        await AwaitBindResponseAsync(link, sequence, stop).WaitAsync(_options.ResponseTimeout, _time, stop).ConfigureAwait(false);
    }

    private async Task AwaitBindResponseAsync(Link link, uint sequence, CancellationToken stop)
    {
        while (true)
        {
            var result = await link.Connection.ReadAsync(stop).ConfigureAwait(false)
                ?? throw new IOException("the SMSC closed the link before answering the bind");
            if (result.Pdu is BindResponse response && response.SequenceNumber == sequence)
            {
                if (response.Status != CommandStatus.Ok)
                {
                    throw new SmppBindException(response.Status);
                }

                return;
            }

            if (result.Pdu is HeaderOnlyPdu { CommandId: CommandId.EnquireLink } enquiry)
            {
                await link.Connection.WriteAsync(new HeaderOnlyPdu(CommandId.EnquireLinkResp) { SequenceNumber = enquiry.SequenceNumber }, stop).ConfigureAwait(false);
            }
            else if (result.Rejection is { IsFatal: true } fatal)
            {
                throw new InvalidDataException(fatal.Detail);
            }
        }
    }

    private async Task ServeAsync(Link link, CancellationToken stop)
    {
        using var session = CancellationTokenSource.CreateLinkedTokenSource(stop);
        Task[] loops = [ReadLoopAsync(link, session.Token), SendLoopAsync(link, session.Token), KeepAliveAsync(link, session.Token)];
        var first = await Task.WhenAny(loops).ConfigureAwait(false);
        await session.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(loops).ConfigureAwait(false);
        }
        catch (Exception) when (loops.All(l => l.IsCompleted))
        {
            // The first loop to end says why the link ended; the others only ended because of it.
        }

        await first.ConfigureAwait(false);
    }

    private async Task SendLoopAsync(Link link, CancellationToken token)
    {
        while (true)
        {
            await link.Window.WaitAsync(token).ConfigureAwait(false);
            Segment segment;
            try
            {
                segment = await _queue.Reader.ReadAsync(token).ConfigureAwait(false);
            }
            catch
            {
                link.Window.Release();
                throw;
            }

            var inFlight = false;
            try
            {
                await WaitOutThrottleAsync(token).ConfigureAwait(false);
                if (segment.Submission.IsCompleted)
                {
                    link.Window.Release();
                    continue;
                }

                var sequence = _sequences.Next();
                segment.Attempts++;
                link.InFlight[sequence] = new InFlightRequest(segment, _time.GetUtcNow());
                inFlight = true;
                await link.Connection.WriteAsync(segment.Pdu with { SequenceNumber = sequence }, token).ConfigureAwait(false);
            }
            catch when (!inFlight)
            {
                _queue.Writer.TryWrite(segment);
                throw;
            }
        }
    }

    private async Task WaitOutThrottleAsync(CancellationToken token)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_gate)
            {
                wait = _resumeAt - _time.GetUtcNow();
            }

            if (wait <= TimeSpan.Zero)
            {
                return;
            }

            await Task.Delay(wait, _time, token).ConfigureAwait(false);
        }
    }

    private async Task ReadLoopAsync(Link link, CancellationToken token)
    {
        while (true)
        {
            var result = await link.Connection.ReadAsync(token).ConfigureAwait(false)
                ?? throw new IOException("the SMSC closed the link");
            link.Heard(_time.GetUtcNow());
            if (result.Rejection is { } rejection)
            {
                _logger.LogWarning("malformed PDU from the SMSC: {Detail}", rejection.Detail);
                await link.Connection.WriteAsync(rejection.Answer(), token).ConfigureAwait(false);
                if (rejection.IsFatal)
                {
                    throw new InvalidDataException(rejection.Detail);
                }

                continue;
            }

            switch (result.Pdu)
            {
                case ShortMessageResponse { CommandId: CommandId.SubmitSmResp } response:
                    OnSubmitAnswer(link, response.SequenceNumber, response.Status, response.MessageId);
                    break;
                case HeaderOnlyPdu { CommandId: CommandId.GenericNack } nack:
                    OnSubmitAnswer(link, nack.SequenceNumber, nack.Status, "");
                    break;
                case HeaderOnlyPdu { CommandId: CommandId.EnquireLinkResp } answer:
                    link.Enquiries.TryRemove(answer.SequenceNumber, out _);
                    break;
                case HeaderOnlyPdu { CommandId: CommandId.EnquireLink } enquiry:
                    await link.Connection.WriteAsync(new HeaderOnlyPdu(CommandId.EnquireLinkResp) { SequenceNumber = enquiry.SequenceNumber }, token).ConfigureAwait(false);
                    break;
                case HeaderOnlyPdu { CommandId: CommandId.Unbind } unbind:
                    await link.Connection.WriteAsync(new HeaderOnlyPdu(CommandId.UnbindResp) { SequenceNumber = unbind.SequenceNumber }, token).ConfigureAwait(false);
                    _logger.LogInformation("the SMSC unbound; reconnecting");
                    return;
                case ShortMessagePdu { CommandId: CommandId.DeliverSm } deliver:
                    await link.Connection.WriteAsync(new ShortMessageResponse(CommandId.DeliverSmResp) { SequenceNumber = deliver.SequenceNumber }, token).ConfigureAwait(false);
                    Notify(DeliverReceived, deliver);
                    if (DeliveryReceipt.TryRead(deliver, out var receipt))
                    {
                        Notify(ReceiptReceived, receipt);
                    }

                    break;
                case { } request when !request.CommandId.IsResponse():
                    await link.Connection.WriteAsync(HeaderOnlyPdu.GenericNack(CommandStatus.InvalidCommandId, request.SequenceNumber), token).ConfigureAwait(false);
                    break;
            }
        }
    }

    private async Task KeepAliveAsync(Link link, CancellationToken token)
    {
        var tick = TimeSpan.FromTicks(Math.Min(_options.EnquireLinkInterval.Ticks, _options.ResponseTimeout.Ticks) / 2);
        while (true)
        {
            await Task.Delay(tick, _time, token).ConfigureAwait(false);
            var now = _time.GetUtcNow();
            var oldest = link.InFlight.Values.Select(r => r.SentAt).Concat(link.Enquiries.Values).DefaultIfEmpty(now).Min();
            if (now - oldest >= _options.ResponseTimeout)
            {
                throw new TimeoutException($"the SMSC left a request unanswered for {_options.ResponseTimeout.TotalSeconds:0.###} s; closing the link to resend on a new one");
            }

            if (now - link.LastHeard >= _options.EnquireLinkInterval && link.Enquiries.IsEmpty)
            {
                var sequence = _sequences.Next();
                link.Enquiries[sequence] = now;
                await link.Connection.WriteAsync(new HeaderOnlyPdu(CommandId.EnquireLink) { SequenceNumber = sequence }, token).ConfigureAwait(false);
            }
        }
    }

    private void OnSubmitAnswer(Link link, uint sequence, CommandStatus status, string messageId)
    {
        if (!link.InFlight.TryRemove(sequence, out var request))
        {
            return;
        }

        link.Window.Release();
        var segment = request.Segment;
        segment.Submission.LastStatus = status;
        switch (status)
        {
            case CommandStatus.Ok:
                lock (_gate)
                {
                    _throttlesInARow = 0;
                }

                if (segment.Submission.Accept(segment.Index, messageId, _gate))
                {
                    Complete(segment.Submission, SubmissionOutcome.Accepted, status, "accepted by the SMSC");
                }

                break;
            case CommandStatus.Throttled:
                lock (_gate)
                {
                    _throttlesInARow++;
                    var resume = _time.GetUtcNow() + BackOff.Delay(_options.ThrottleInitialDelay, _options.ThrottleMaxDelay, _throttlesInARow);
                    _resumeAt = resume > _resumeAt ? resume : _resumeAt;
                }

                Retry(segment, status);
                break;
            case CommandStatus.MessageQueueFull or CommandStatus.SystemError or CommandStatus.SubmitFailed or CommandStatus.UnknownError:
                Retry(segment, status);
                break;
            default:
                Complete(segment.Submission, SubmissionOutcome.Undeliverable, status, $"the SMSC refused it with {status} (0x{(uint)status:X8})");
                break;
        }
    }

    private void Retry(Segment segment, CommandStatus status)
    {
        if (segment.Attempts >= _options.MaxAttempts)
        {
            Complete(segment.Submission, SubmissionOutcome.Undeliverable, status, $"gave up after {segment.Attempts} attempt(s); the last answer was {status} (0x{(uint)status:X8})");
            return;
        }

        _queue.Writer.TryWrite(segment);
    }

    /// <summary>Without a bound link nothing moves; messages waiting too long are recorded rather than kept forever.</summary>
    private void ExpireStale()
    {
        var now = _time.GetUtcNow();
        Submission[] stale;
        lock (_gate)
        {
            stale = [.. _open.Where(s => now - s.QueuedAt >= _options.GiveUpAfter)];
        }

        foreach (var submission in stale)
        {
            Complete(submission, SubmissionOutcome.Undeliverable, submission.LastStatus, $"no bound link to the SMSC within {_options.GiveUpAfter.TotalSeconds:0.###} s of queueing");
        }
    }

    private void RequeueInFlight(Link link)
    {
        foreach (var sequence in link.InFlight.Keys)
        {
            if (link.InFlight.TryRemove(sequence, out var request))
            {
                Retry(request.Segment, request.Segment.Submission.LastStatus);
            }
        }
    }

    private SubmissionResult Complete(Submission submission, SubmissionOutcome outcome, CommandStatus status, string reason)
    {
        SubmissionResult result;
        lock (_gate)
        {
            if (submission.Result is { } existing)
            {
                return existing;
            }

            result = new SubmissionResult(submission.Message, outcome, submission.MessageIds, submission.SegmentCount, submission.Attempts, status, submission.QueuedAt, _time.GetUtcNow(), reason);
            submission.Result = result;
            _open.Remove(submission);
            if (outcome == SubmissionOutcome.Undeliverable)
            {
                _undeliverable.Enqueue(result);
                if (_undeliverable.Count > _options.UndeliverableKept)
                {
                    _undeliverable.Dequeue();
                }
            }
        }

        if (outcome == SubmissionOutcome.Undeliverable)
        {
            _logger.LogWarning("message to {Destination} undeliverable: {Reason}", submission.Message.Destination, reason);
        }

        submission.Done.TrySetResult(result);
        Notify(Completed, result);
        return result;
    }

    /// <summary>A subscriber that throws must not take the link down with it.</summary>
    private void Notify<T>(Action<T>? handler, T value)
    {
        try
        {
            handler?.Invoke(value);
        }
        catch (Exception e)
        {
            _logger.LogError(e, "a {Event} subscriber threw; the ESME carries on", typeof(T).Name);
        }
    }

    private sealed record InFlightRequest(Segment Segment, DateTimeOffset SentAt);

    private sealed class Segment(Submission submission, int index, ShortMessagePdu pdu)
    {
        public Submission Submission { get; } = submission;

        public int Index { get; } = index;

        public ShortMessagePdu Pdu { get; } = pdu;

        public int Attempts
        {
            get => Volatile.Read(ref _attempts);
            set
            {
                Volatile.Write(ref _attempts, value);
                Submission.CountAttempt();
            }
        }

        private int _attempts;
    }

    private sealed class Submission(OutboundMessage message, DateTimeOffset queuedAt)
    {
        private string[] _ids = [];
        private int _remaining;
        private int _attempts;

        public OutboundMessage Message { get; } = message;

        public DateTimeOffset QueuedAt { get; } = queuedAt;

        public TaskCompletionSource<SubmissionResult> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public SubmissionResult? Result { get; set; }

        public bool IsCompleted => Done.Task.IsCompleted;

        public CommandStatus LastStatus { get; set; }

        public int SegmentCount => _ids.Length;

        public int Attempts => Volatile.Read(ref _attempts);

        public IReadOnlyList<string> MessageIds => [.. _ids];

        public void Expect(int segments)
        {
            _ids = new string[segments];
            _remaining = segments;
        }

        public void CountAttempt() => Interlocked.Increment(ref _attempts);

        public bool Accept(int index, string messageId, Lock gate)
        {
            lock (gate)
            {
                if (_ids[index] is not null)
                {
                    return false;
                }

                _ids[index] = messageId;
                return --_remaining == 0;
            }
        }
    }

    private sealed class Link(PduConnection connection, int window, DateTimeOffset openedAt)
    {
        private long _lastHeardTicks = openedAt.UtcTicks;

        public PduConnection Connection { get; } = connection;

        public SemaphoreSlim Window { get; } = new(window, window);

        public ConcurrentDictionary<uint, InFlightRequest> InFlight { get; } = new();

        public ConcurrentDictionary<uint, DateTimeOffset> Enquiries { get; } = new();

        public DateTimeOffset LastHeard => new(Interlocked.Read(ref _lastHeardTicks), TimeSpan.Zero);

        public void Heard(DateTimeOffset at) => Interlocked.Exchange(ref _lastHeardTicks, at.UtcTicks);
    }
}
