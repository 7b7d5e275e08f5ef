using System.Collections.Concurrent;
using global::Smpp.Esme;
using global::Smpp.Receipts;

namespace Reference.Warnings;

/// <summary>
/// The node as an ESME: binds to the configured SMSC when the node starts and submits warning SMS, each asking for a
/// delivery receipt. The ESME retries through dropped links and throttling; what it finally cannot deliver it records,
/// and so does a receipt that says the handset was never reached: every warning ends delivered or recorded, and logged.
/// </summary>
public sealed class SmsSender(WarningOptions options, ILogger<SmsSender> logger, TimeProvider? time = null) : IHostedService, IAsyncDisposable
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly ConcurrentDictionary<OutboundMessage, SmsDelivery> _byMessage = new(ReferenceEqualityComparer.Instance);
    private readonly ConcurrentDictionary<string, OutboundMessage> _byMessageId = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ReceiptState> _receipts = new(StringComparer.Ordinal);

    // The kept records in the order they were made; the oldest go (with their ids and receipts) past DeliveriesKept.
    private readonly ConcurrentQueue<OutboundMessage> _order = new();

    // The queue's length, kept alongside: a ConcurrentQueue counts by walking its segments, and this runs per warning.
    private int _kept;
    private EsmeClient? _esme;

    /// <summary>The warning SMS sent since the node started (the last <see cref="WarningOptions.DeliveriesKept"/>) and where each stands, oldest first.</summary>
    public IReadOnlyList<SmsDelivery> Deliveries => [.. _byMessage.Values.OrderBy(d => d.At)];

    public bool Enabled => options.Smsc is not null;

    public IReadOnlyList<SubmissionResult> Undeliverable => _esme?.Undeliverable ?? [];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Smsc is not { } smsc)
        {
            return Task.CompletedTask;
        }

        _esme = new EsmeClient(
            new EsmeOptions { SystemId = options.SystemId, Password = options.Password, ReconnectMaxDelay = TimeSpan.FromSeconds(5), GiveUpAfter = TimeSpan.FromSeconds(60), MaxAttempts = options.Disabled.Contains(WarningOptions.SmsRetryMutant) ? 1 : 8 },
            SmppConnectors.Tcp(smsc),
            TimeProvider.System,
            logger);
        // Completed is raised on the ESME's reading loop before it reads the next PDU, so a message's ids are known
        // before the receipt that names them can arrive.
        _esme.Completed += OnCompleted;
        _esme.ReceiptReceived += OnReceipt;
        _esme.Start();
        logger.LogInformation("Warnings by SMS through the SMSC at {Smsc}", smsc);
        return Task.CompletedTask;
    }

    /// <summary>Queues the message; returns at once (the ESME sends it as soon as its window allows).</summary>
    public void Send(string destination, string text, byte dataCoding)
    {
        if (_esme is null)
        {
            return;
        }

        var message = new OutboundMessage(options.SourceAddress, destination, text, dataCoding) { RequestReceipt = true };
        _byMessage[message] = new SmsDelivery(destination, dataCoding, [], SmsDeliveryState.Submitted, "queued", _time.GetUtcNow());
        _order.Enqueue(message);
        Interlocked.Increment(ref _kept);
        while (Volatile.Read(ref _kept) > options.DeliveriesKept && _order.TryDequeue(out var oldest))
        {
            Interlocked.Decrement(ref _kept);
            Forget(oldest);
        }

        _esme.SubmitAsync(message);
    }

    private void Forget(OutboundMessage message)
    {
        if (_byMessage.TryRemove(message, out var delivery))
        {
            ForgetIds(delivery.MessageIds);
        }
    }

    private void ForgetIds(IEnumerable<string> ids)
    {
        foreach (var id in ids)
        {
            _byMessageId.TryRemove(id, out _);
            _receipts.TryRemove(id, out _);
        }
    }

    private void OnCompleted(SubmissionResult result)
    {
        if (result.Outcome != SubmissionOutcome.Accepted)
        {
            logger.LogWarning("Warning SMS to {Destination} undeliverable: {Reason}", result.Message.Destination, result.Reason);
            Update(result.Message, d => d with { State = SmsDeliveryState.Undeliverable, Reason = result.Reason, At = result.CompletedAt });
            return;
        }

        Update(result.Message, d => d with { MessageIds = result.MessageIds, Reason = "accepted by the SMSC; awaiting its delivery receipt", At = result.CompletedAt });
        foreach (var id in result.MessageIds)
        {
            _byMessageId[id] = result.Message;
        }

        // A record forgotten while the SMSC was answering keeps none of its ids either.
        if (!_byMessage.ContainsKey(result.Message))
        {
            ForgetIds(result.MessageIds);
        }
    }

    private void OnReceipt(DeliveryReceipt receipt)
    {
        if (!options.RecordsReceipts)
        {
            return;
        }

        if (!_byMessageId.TryGetValue(receipt.MessageId, out var message))
        {
            logger.LogInformation("Delivery receipt for message {MessageId}, which this node did not send (or sent before it started, or no longer keeps the record of): {State}", receipt.MessageId, receipt.State);
            return;
        }

        _receipts[receipt.MessageId] = receipt.State;
        var now = _time.GetUtcNow();
        var heard = new SmsReceipt(receipt.MessageId, DeliveryReceipt.Word(receipt.State), receipt.Error, now);
        Update(message, d => d with { Receipts = [.. d.Receipts, heard] });
        if (receipt.IsFailure)
        {
            logger.LogWarning("Warning SMS to {Destination} undeliverable: the SMSC's receipt for message {MessageId} says {State} (err {Error})",
                message.Destination, receipt.MessageId, DeliveryReceipt.Word(receipt.State), receipt.Error);
            Update(message, d => d with { State = SmsDeliveryState.Undeliverable, Reason = $"receipt for {receipt.MessageId}: {DeliveryReceipt.Word(receipt.State)} err:{receipt.Error}", At = now });
            return;
        }

        // A concatenated warning is delivered when every segment's receipt says so; a failed segment already decided it.
        Update(message, d => d.State == SmsDeliveryState.Submitted && d.MessageIds.Count > 0
            && d.MessageIds.All(id => _receipts.TryGetValue(id, out var state) && state == ReceiptState.Delivered)
                ? d with { State = SmsDeliveryState.Delivered, Reason = "the SMSC's receipt says DELIVRD", At = now }
                : d);
    }

    private void Update(OutboundMessage message, Func<SmsDelivery, SmsDelivery> change)
    {
        while (_byMessage.TryGetValue(message, out var current) && !_byMessage.TryUpdate(message, change(current), current))
        {
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_esme is not null)
        {
            await _esme.StopAsync(TimeSpan.FromSeconds(2));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_esme is not null)
        {
            await _esme.DisposeAsync();
            _esme = null;
        }
    }
}
