using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Conformance.Harness.Calls;
using Smpp.Codec;
using Smpp.Pdus;
using Smpp.Receipts;
using Smpp.Text;
using Smpp.Transport;

namespace Conformance.Harness.ShortMessages;

/// <summary>
/// The suite's SMSC: a loopback SMPP 3.4 server that accepts binds, records every submit_sm (and each destination of a
/// submit_multi) with its arrival time, joins concatenated segments, decodes text by data coding, and answers as
/// scripted (accept, an error such as ESME_RTHROTTLED, silence, or a dropped link) to test the ESME's resilience. When a
/// submit_sm asks for it (registered_delivery), an accepted message is followed by a delivery receipt on the same link
/// (a transceiver bind) or, for a transmitter bind, on a receiver link bound with the same system_id, stating what a
/// scenario scripted for the destination (<see cref="ScriptReceipt"/>) or else <see cref="ReceiptOutcome"/> decides:
/// DELIVRD unless told otherwise.
/// </summary>
public sealed class SuiteSmsc : IAsyncDisposable
{
    private readonly TimeProvider _time;
    private readonly string? _systemId;
    private readonly string? _password;
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentQueue<SmscAnswer> _script = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<SmscAnswer>> _scriptFor = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, (Socket Socket, PduConnection Connection)> _links = new();
    private readonly MessageWaiter<ReceivedSubmitSm> _submissions = new();
    private readonly MessageWaiter<ReceivedShortMessage> _messages = new();
    private readonly ConcurrentQueue<PduRejection> _rejections = new();
    private readonly ConcurrentDictionary<(string, string, int, int), SortedDictionary<int, ReceivedSubmitSm>> _partial = new();
    private readonly List<Task> _tasks = [];
    private int _nextLink;
    private int _binds;
    private int _enquiries;
    private long _messageIds;
    private uint _sequences;
    private readonly ConcurrentQueue<DeliveryReceipt> _receipts = new();
    private readonly ConcurrentDictionary<string, ReceiptState> _receiptFor = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, (string SystemId, PduConnection Connection)> _receivers = new();
    private readonly ConcurrentDictionary<string, CommandStatus> _refused = new(StringComparer.Ordinal);

    /// <summary>With <paramref name="systemId"/> and <paramref name="password"/> set, binds with other credentials are refused.</summary>
    /// <remarks><paramref name="bindTo"/> defaults to a free loopback port (a target file may fix it for a vendor's ESME).</remarks>
    public SuiteSmsc(TimeProvider? time = null, string? systemId = null, string? password = null, IPEndPoint? bindTo = null)
    {
        _listener = new TcpListener(bindTo ?? new IPEndPoint(IPAddress.Loopback, 0));
        _time = time ?? TimeProvider.System;
        _systemId = systemId;
        _password = password;
    }

    public IPEndPoint EndPoint => (IPEndPoint)_listener.LocalEndpoint;

    /// <summary>The answer for a submit_sm when nothing is scripted.</summary>
    public SmscAnswer DefaultAnswer { get; set; } = SmscAnswer.Accept;

    /// <summary>What the receipt of an accepted message says, by the submit_sm it answers (DELIVRD, or UNDELIV to test the ESME's bookkeeping).</summary>
    public Func<ReceivedSubmitSm, ReceiptState> ReceiptOutcome { get; set; } = _ => ReceiptState.Delivered;

    /// <summary>Decode data_coding 0x00 as packed GSM 7-bit (eight septets in seven octets) rather than one septet per octet.</summary>
    public bool Gsm7Packed { get; set; }

    /// <summary>The delivery receipts sent, in order.</summary>
    public IReadOnlyList<DeliveryReceipt> ReceiptsSent => [.. _receipts];

    public int Binds => Volatile.Read(ref _binds);

    public int EnquireLinks => Volatile.Read(ref _enquiries);

    public int OpenLinks => _links.Count;

    public IReadOnlyList<ReceivedSubmitSm> Submissions => _submissions.Where(_ => true);

    public IReadOnlyList<ReceivedShortMessage> Messages => _messages.Where(_ => true);

    public IReadOnlyList<PduRejection> Rejections => [.. _rejections];

    public void Start()
    {
        _listener.Start();
        lock (_tasks)
        {
            _tasks.Add(Task.Run(() => AcceptAsync(_stopping.Token)));
        }
    }

    /// <summary>
    /// What the receipt of every message to <paramref name="destination"/> says from now on, whatever <see cref="ReceiptOutcome"/>
    /// says: a scenario's own callee, so scenarios running side by side do not script each other's receipts.
    /// </summary>
    public void ScriptReceipt(string destination, ReceiptState state) => _receiptFor[SubscriberNumbers.National(destination)] = state;

    /// <summary>A submit_multi naming <paramref name="destination"/> lists it among the unsuccess_sme with <paramref name="error"/>; the other destinations are accepted.</summary>
    public void RefuseDestination(string destination, CommandStatus error) => _refused[SubscriberNumbers.National(destination)] = error;

    /// <summary>Answers for the next submit_sm, in order, before <see cref="DefaultAnswer"/> applies again.</summary>
    public void Script(params SmscAnswer[] answers)
    {
        foreach (var answer in answers)
        {
            _script.Enqueue(answer);
        }
    }

    /// <summary>
    /// Answers for the next submissions to <paramref name="destination"/>, in order, before the shared script and
    /// <see cref="DefaultAnswer"/> apply to it again: a scenario's own callee, so that a refusal meant for its warning
    /// cannot be spent on another's, and the refused submission is known to be that callee's.
    /// </summary>
    public void ScriptFor(string destination, params SmscAnswer[] answers)
    {
        var queue = _scriptFor.GetOrAdd(SubscriberNumbers.National(destination), _ => new ConcurrentQueue<SmscAnswer>());
        foreach (var answer in answers)
        {
            queue.Enqueue(answer);
        }
    }

    /// <summary>The first whole message to <paramref name="destination"/>; "+8613800138000", "8613800138000" and "13800138000" name the same subscriber.</summary>
    public Task<ReceivedShortMessage?> WaitForMessageAsync(string destination, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        _messages.WaitAsync(m => SubscriberNumbers.Same(m.Destination, destination), timeout, cancellationToken);

    public Task<ReceivedSubmitSm?> WaitForSubmitAsync(Func<ReceivedSubmitSm, bool> match, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        _submissions.WaitAsync(match, timeout, cancellationToken);

    /// <summary>Closes every open link at once, as a crashing SMSC would.</summary>
    public void DropLinks()
    {
        foreach (var id in _links.Keys)
        {
            Drop(id);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        DropLinks();
        Task[] tasks;
        lock (_tasks)
        {
            tasks = [.. _tasks];
        }

        await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { }, TaskScheduler.Default);
        _stopping.Dispose();
    }

    private async Task AcceptAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(stop);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            socket.NoDelay = true;
            var id = Interlocked.Increment(ref _nextLink);
            var connection = new PduConnection(new NetworkStream(socket, ownsSocket: true));
            _links[id] = (socket, connection);
            lock (_tasks)
            {
                _tasks.Add(Task.Run(() => ServeAsync(id, connection, stop)));
            }
        }
    }

    private async Task ServeAsync(int link, PduConnection connection, CancellationToken stop)
    {
        string? boundAs = null;
        var receives = false;
        try
        {
            while (true)
            {
                var result = await connection.ReadAsync(stop);
                if (result is null)
                {
                    return;
                }

                if (result.Value.Rejection is { } rejection)
                {
                    _rejections.Enqueue(rejection);
                    await connection.WriteAsync(rejection.Answer(), stop);
                    if (rejection.IsFatal)
                    {
                        return;
                    }

                    continue;
                }

                var pdu = result.Value.Pdu!;
                switch (pdu)
                {
                    case BindRequest bind:
                        var status = boundAs is not null ? CommandStatus.AlreadyBound
                            : (_systemId is not null && bind.SystemId != _systemId) ? CommandStatus.InvalidSystemId
                            : (_password is not null && bind.Password != _password) ? CommandStatus.InvalidPassword
                            : CommandStatus.Ok;
                        if (status == CommandStatus.Ok)
                        {
                            boundAs = bind.SystemId;
                            receives = bind.CommandId != CommandId.BindTransmitter;
                            if (receives)
                            {
                                _receivers[link] = (bind.SystemId, connection);
                            }

                            Interlocked.Increment(ref _binds);
                        }

                        await connection.WriteAsync(new BindResponse(bind.CommandId.ResponseTo()) { Status = status, SequenceNumber = bind.SequenceNumber, SystemId = "suite-smsc" }, stop);
                        break;
                    case ShortMessagePdu { CommandId: CommandId.SubmitSm } submit when boundAs is null:
                        await connection.WriteAsync(new ShortMessageResponse(CommandId.SubmitSmResp) { Status = CommandStatus.IncorrectBindStatus, SequenceNumber = submit.SequenceNumber }, stop);
                        break;
                    case ShortMessagePdu { CommandId: CommandId.SubmitSm } submit:
                        if (!await OnSubmitAsync(link, connection, submit, boundAs!, receives, stop))
                        {
                            return;
                        }

                        break;
                    case SubmitMultiPdu multi when boundAs is null:
                        await connection.WriteAsync(new SubmitMultiResponse { Status = CommandStatus.IncorrectBindStatus, SequenceNumber = multi.SequenceNumber }, stop);
                        break;
                    case SubmitMultiPdu multi:
                        if (!await OnSubmitMultiAsync(link, connection, multi, boundAs!, receives, stop))
                        {
                            return;
                        }

                        break;
                    case HeaderOnlyPdu { CommandId: CommandId.EnquireLink } enquiry:
                        Interlocked.Increment(ref _enquiries);
                        await connection.WriteAsync(new HeaderOnlyPdu(CommandId.EnquireLinkResp) { SequenceNumber = enquiry.SequenceNumber }, stop);
                        break;
                    case HeaderOnlyPdu { CommandId: CommandId.Unbind } unbind:
                        await connection.WriteAsync(new HeaderOnlyPdu(CommandId.UnbindResp) { SequenceNumber = unbind.SequenceNumber }, stop);
                        return;
                    case { } request when !request.CommandId.IsResponse():
                        // An SMSC serves no deliver_sm or bind responses from an ESME; SMPP 3.4 answers the unexpected with generic_nack.
                        await connection.WriteAsync(HeaderOnlyPdu.GenericNack(CommandStatus.InvalidCommandId, request.SequenceNumber), stop);
                        break;
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The link went away (dropped by a script, by the peer, or at shutdown): nothing to answer.
        }
        finally
        {
            _receivers.TryRemove(link, out _);
            Drop(link);
        }
    }

    /// <summary>
    /// A scripted answer other than acceptance: null when the submission is accepted, else whether the link stays up
    /// (a dropped link ends it; silence and an error, written as <paramref name="response"/> with the scripted status, keep it).
    /// </summary>
    private static async Task<bool?> RefusedAsync(SmscAnswer answer, PduConnection connection, Pdu response, CancellationToken stop)
    {
        switch (answer.Kind)
        {
            case SmscAnswerKind.DropLink:
                return false;
            case SmscAnswerKind.Silence:
                return true;
            case SmscAnswerKind.Error:
                await connection.WriteAsync(response with { Status = answer.Status }, stop);
                return true;
            default:
                return null;
        }
    }

    private SmscAnswer NextAnswer(IEnumerable<string> destinations)
    {
        foreach (var destination in destinations)
        {
            if (_scriptFor.TryGetValue(SubscriberNumbers.National(destination), out var queue) && queue.TryDequeue(out var own))
            {
                return own;
            }
        }

        return _script.TryDequeue(out var scripted) ? scripted : DefaultAnswer;
    }

    /// <summary>Records the submit_sm and answers as scripted; false when the script says to drop the link.</summary>
    private async Task<bool> OnSubmitAsync(int link, PduConnection connection, ShortMessagePdu submit, string systemId, bool receives, CancellationToken stop)
    {
        var arrivedAt = _time.GetUtcNow();
        var answer = NextAnswer([submit.DestinationAddress]);
        var received = Record(link, arrivedAt, submit, answer);
        if (await RefusedAsync(answer, connection, new ShortMessageResponse(CommandId.SubmitSmResp) { SequenceNumber = submit.SequenceNumber }, stop) is { } keepLink)
        {
            return keepLink;
        }

        // Recorded before the answer, so whoever has the answer finds the message; the receipt follows the answer.
        var messageId = NextMessageId();
        Deliver(received, systemId);
        await connection.WriteAsync(new ShortMessageResponse(CommandId.SubmitSmResp) { SequenceNumber = submit.SequenceNumber, MessageId = messageId }, stop);
        await SendReceiptAsync(received, messageId, connection, systemId, receives, stop);
        return true;
    }

    /// <summary>
    /// submit_multi (SMPP 3.4 §4.5): one scripted answer for the whole PDU; once accepted, each SME address is recorded
    /// and receipted like a submit_sm of its own under the one message id, while distribution lists (the suite keeps
    /// none) and destinations scripted with <see cref="RefuseDestination"/> come back as unsuccess_sme.
    /// </summary>
    private async Task<bool> OnSubmitMultiAsync(int link, PduConnection connection, SubmitMultiPdu submit, string systemId, bool receives, CancellationToken stop)
    {
        var arrivedAt = _time.GetUtcNow();
        var answer = NextAnswer(submit.Destinations.Where(d => !d.IsDistributionList).Select(d => d.Address));
        if (await RefusedAsync(answer, connection, new SubmitMultiResponse { SequenceNumber = submit.SequenceNumber }, stop) is { } keepLink)
        {
            return keepLink;
        }

        var unsuccessful = submit.Destinations
            .Where(d => d.IsDistributionList)
            .Select(d => new UnsuccessfulDestination(d.Address, CommandStatus.InvalidDistributionListName))
            .ToList();
        var accepted = new List<ReceivedSubmitSm>();
        foreach (var (destination, message) in submit.ForEachDestination())
        {
            if (_refused.TryGetValue(SubscriberNumbers.National(destination.Address), out var refusal))
            {
                unsuccessful.Add(new UnsuccessfulDestination(destination.Address, refusal, destination.Ton, destination.Npi));
                continue;
            }

            accepted.Add(Record(link, arrivedAt, message, answer));
        }

        var messageId = NextMessageId();
        foreach (var received in accepted)
        {
            Deliver(received, systemId);
        }

        await connection.WriteAsync(new SubmitMultiResponse { SequenceNumber = submit.SequenceNumber, MessageId = messageId, Unsuccessful = unsuccessful }, stop);
        foreach (var received in accepted)
        {
            await SendReceiptAsync(received, messageId, connection, systemId, receives, stop);
        }

        return true;
    }

    private string NextMessageId() => Interlocked.Increment(ref _messageIds).ToString("x8", CultureInfo.InvariantCulture);

    /// <summary>Decodes the text of one submit_sm (or one destination of a submit_multi) and records it among the submissions.</summary>
    private ReceivedSubmitSm Record(int link, DateTimeOffset arrivedAt, ShortMessagePdu submit, SmscAnswer answer)
    {
        var (concatenation, userData) = submit.HasUserDataHeader ? MessageSegmenter.ReadHeader(submit.ShortMessage) : (null, submit.ShortMessage);
        var payload = submit.ShortMessage.IsEmpty && submit.FindOptional(TlvTags.MessagePayload) is { } tlv ? tlv.Value : userData;
        var text = Gsm7Packed && submit.DataCoding == DataCodings.Default
            ? Gsm7.FromSeptets(Gsm7.Unpack(payload.Span, fillBits: concatenation is null ? 0 : 1))
            : ShortMessageText.Decode(payload.Span, submit.DataCoding);
        var received = new ReceivedSubmitSm(link, arrivedAt, submit, text, answer);
        _submissions.Add(received);
        return received;
    }

    private async Task SendReceiptAsync(ReceivedSubmitSm received, string messageId, PduConnection connection, string systemId, bool receives, CancellationToken stop)
    {
        var submit = received.Pdu;
        var state = _receiptFor.TryGetValue(SubscriberNumbers.National(submit.DestinationAddress), out var scriptedReceipt) ? scriptedReceipt : ReceiptOutcome(received);
        var receipt = new DeliveryReceipt(messageId, state, state == ReceiptState.Delivered ? "000" : "001");
        var receiver = receives ? connection : _receivers.Values.FirstOrDefault(r => r.SystemId == systemId).Connection;
        if (receiver is null || !DeliveryReceipt.Wanted(submit.RegisteredDelivery, receipt.IsFailure))
        {
            return;
        }

        _receipts.Enqueue(receipt);
        try
        {
            await receiver.WriteAsync(receipt.ToDeliverSm(submit, received.ArrivedAt, _time.GetUtcNow()) with { SequenceNumber = Interlocked.Increment(ref _sequences) }, stop);
        }
        catch (Exception e) when (!ReferenceEquals(receiver, connection) && e is IOException or SocketException or ObjectDisposedException)
        {
            // The ESME's receiver link went away meanwhile; its submitting link is not at fault and stays up.
        }
    }

    /// <summary>Adds the message to those received, once all of its segments are in when it is concatenated.</summary>
    private void Deliver(ReceivedSubmitSm received, string systemId)
    {
        var submit = received.Pdu;
        var concatenation = submit.HasUserDataHeader ? MessageSegmenter.ReadHeader(submit.ShortMessage).Concatenation : null;
        if (concatenation is null || concatenation.Total <= 1)
        {
            _messages.Add(new ReceivedShortMessage(submit.SourceAddress, submit.DestinationAddress, submit.DataCoding, received.Text, 1, received.ArrivedAt, received.ArrivedAt, systemId));
            return;
        }

        var key = (submit.SourceAddress, submit.DestinationAddress, concatenation.Reference, concatenation.Total);
        var parts = _partial.GetOrAdd(key, _ => []);
        ReceivedShortMessage? whole = null;
        lock (parts)
        {
            parts[concatenation.Sequence] = received;
            if (parts.Count == concatenation.Total)
            {
                _partial.TryRemove(key, out _);
                var ordered = parts.Values.ToList();
                whole = new ReceivedShortMessage(
                    submit.SourceAddress,
                    submit.DestinationAddress,
                    submit.DataCoding,
                    string.Concat(ordered.Select(p => p.Text)),
                    ordered.Count,
                    ordered.Min(p => p.ArrivedAt),
                    ordered.Max(p => p.ArrivedAt),
                    systemId);
            }
        }

        if (whole is not null)
        {
            _messages.Add(whole);
        }
    }

    private void Drop(int link)
    {
        if (_links.TryRemove(link, out var entry))
        {
            try
            {
                entry.Socket.Close();
            }
            catch (ObjectDisposedException)
            {
                // Already closed by the peer or by shutdown.
            }
        }
    }
}
