using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Smpp.Codec;
using Smpp.Pdus;
using Smpp.Receipts;
using Smpp.Transport;

namespace Smpp.Esme;

/// <summary>
/// What goes over a bound link: the bind, then three loops until one ends the link: sending queued segments within the
/// window (after any throttle pause), reading and answering what the SMSC sends, and keeping the link alive with
/// enquire_link (a request left unanswered past the response timeout ends the link, so it is resent on a new one).
/// Answers to submit_sm settle their segment: accepted, retried (throttled, queue full, transient errors, up to
/// <see cref="EsmeOptions.MaxAttempts"/>) or undeliverable.
/// </summary>
internal sealed class LinkTraffic(
    EsmeOptions options,
    TimeProvider time,
    ILogger logger,
    Channel<Segment> queue,
    SequenceNumbers sequences,
    ThrottleGate throttle,
    SubmissionLedger ledger,
    Action<ShortMessagePdu> delivered,
    Action<DeliveryReceipt> receipted)
{
    public async Task BindAsync(BoundLink link, CancellationToken stop)
    {
        var sequence = sequences.Next();
        var bind = new BindRequest(options.BindCommand)
        {
            SystemId = options.SystemId,
            Password = options.Password,
            SystemType = options.SystemType,
            SequenceNumber = sequence,
        };
        await link.Connection.WriteAsync(bind, stop).ConfigureAwait(false);
        await AwaitBindResponseAsync(link, sequence, stop).WaitAsync(options.ResponseTimeout, time, stop).ConfigureAwait(false);
    }

    /// <summary>Runs the link's loops until the first ends; rethrows why it ended.</summary>
    public async Task ServeAsync(BoundLink link, CancellationToken stop)
    {
        using var session = CancellationTokenSource.CreateLinkedTokenSource(stop);
        Task[] loops = [ReadLoopAsync(link, session.Token), SendLoopAsync(link, session.Token), KeepAliveAsync(link, session.Token)];
        var first = await Task.WhenAny(loops).ConfigureAwait(false);
        await session.CancelAsync().ConfigureAwait(false);
        // The first loop to end says why the link ended; the others only ended because of it, so their faults are
        // waited for but not thrown.
        await Task.WhenAll(loops).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await first.ConfigureAwait(false);
    }

    /// <summary>The link went down: what it had in flight is queued again (or given up, past the attempts).</summary>
    public void RequeueInFlight(BoundLink link)
    {
        foreach (var sequence in link.InFlight.Keys)
        {
            if (link.InFlight.TryRemove(sequence, out var request))
            {
                Retry(request.Segment, request.Segment.Submission.LastStatus);
            }
        }
    }

    private async Task AwaitBindResponseAsync(BoundLink link, uint sequence, CancellationToken stop)
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

    private async Task SendLoopAsync(BoundLink link, CancellationToken token)
    {
        while (true)
        {
            await link.Window.WaitAsync(token).ConfigureAwait(false);
            Segment segment;
            try
            {
                segment = await queue.Reader.ReadAsync(token).ConfigureAwait(false);
            }
            catch
            {
                link.Window.Release();
                throw;
            }

            var inFlight = false;
            try
            {
                await throttle.WaitOutAsync(token).ConfigureAwait(false);
                if (segment.Submission.IsCompleted)
                {
                    link.Window.Release();
                    continue;
                }

                var sequence = sequences.Next();
                segment.Attempts++;
                link.InFlight[sequence] = new InFlightRequest(segment, time.GetUtcNow());
                inFlight = true;
                await link.Connection.WriteAsync(segment.Pdu with { SequenceNumber = sequence }, token).ConfigureAwait(false);
            }
            catch when (!inFlight)
            {
                queue.Writer.TryWrite(segment);
                throw;
            }
        }
    }

    private async Task ReadLoopAsync(BoundLink link, CancellationToken token)
    {
        while (true)
        {
            var result = await link.Connection.ReadAsync(token).ConfigureAwait(false)
                ?? throw new IOException("the SMSC closed the link");
            link.Heard(time.GetUtcNow());
            if (result.Rejection is { } rejection)
            {
                logger.LogWarning("malformed PDU from the SMSC: {Detail}", rejection.Detail);
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
                    logger.LogInformation("the SMSC unbound; reconnecting");
                    return;
                case ShortMessagePdu { CommandId: CommandId.DeliverSm } deliver:
                    await link.Connection.WriteAsync(new ShortMessageResponse(CommandId.DeliverSmResp) { SequenceNumber = deliver.SequenceNumber }, token).ConfigureAwait(false);
                    delivered(deliver);
                    if (DeliveryReceipt.TryRead(deliver, out var receipt))
                    {
                        receipted(receipt);
                    }

                    break;
                case { } request when !request.CommandId.IsResponse():
                    await link.Connection.WriteAsync(HeaderOnlyPdu.GenericNack(CommandStatus.InvalidCommandId, request.SequenceNumber), token).ConfigureAwait(false);
                    break;
            }
        }
    }

    private async Task KeepAliveAsync(BoundLink link, CancellationToken token)
    {
        var tick = TimeSpan.FromTicks(Math.Min(options.EnquireLinkInterval.Ticks, options.ResponseTimeout.Ticks) / 2);
        while (true)
        {
            await Task.Delay(tick, time, token).ConfigureAwait(false);
            var now = time.GetUtcNow();
            var oldest = link.InFlight.Values.Select(r => r.SentAt).Concat(link.Enquiries.Values).DefaultIfEmpty(now).Min();
            if (now - oldest >= options.ResponseTimeout)
            {
                throw new TimeoutException($"the SMSC left a request unanswered for {options.ResponseTimeout.TotalSeconds:0.###} s; closing the link to resend on a new one");
            }

            if (now - link.LastHeard >= options.EnquireLinkInterval && link.Enquiries.IsEmpty)
            {
                var sequence = sequences.Next();
                link.Enquiries[sequence] = now;
                await link.Connection.WriteAsync(new HeaderOnlyPdu(CommandId.EnquireLink) { SequenceNumber = sequence }, token).ConfigureAwait(false);
            }
        }
    }

    private void OnSubmitAnswer(BoundLink link, uint sequence, CommandStatus status, string messageId)
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
                throttle.Accepted();
                ledger.Accept(segment, status, messageId);
                break;
            case CommandStatus.Throttled:
                throttle.Throttled();
                Retry(segment, status);
                break;
            case CommandStatus.MessageQueueFull or CommandStatus.SystemError or CommandStatus.SubmitFailed or CommandStatus.UnknownError:
                Retry(segment, status);
                break;
            default:
                ledger.Complete(segment.Submission, SubmissionOutcome.Undeliverable, status, $"the SMSC refused it with {status} (0x{(uint)status:X8})");
                break;
        }
    }

    private void Retry(Segment segment, CommandStatus status)
    {
        if (segment.Attempts >= options.MaxAttempts)
        {
            ledger.Complete(segment.Submission, SubmissionOutcome.Undeliverable, status, $"gave up after {segment.Attempts} attempt(s); the last answer was {status} (0x{(uint)status:X8})");
            return;
        }

        queue.Writer.TryWrite(segment);
    }
}
