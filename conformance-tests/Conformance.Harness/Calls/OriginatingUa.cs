using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using Conformance.Harness.Evidence;
using Sip;
using Sip.Transactions;
using Sip.Transport;

namespace Conformance.Harness.Calls;

/// <summary>
/// The suite's calling side: a UAC on loopback that plays a trunk, a carrier or the international gateway.
/// Its INVITEs and CANCELs run as the library's client transactions (<see cref="UacTransactions"/>: timer A
/// retransmits until a response arrives, a rejection is acknowledged hop by hop); it acknowledges an answer and hangs
/// up answered calls so that nothing lingers on the system under test. Every wait runs on the given
/// <see cref="TimeProvider"/>.
/// </summary>
public sealed class OriginatingUa : IAsyncDisposable
{
    private readonly UdpSipTransport _transport;
    private readonly MessageWaiter<SipResponse> _responses;
    private readonly UacTransactions _transactions;
    private readonly ConcurrentDictionary<string, EvidenceLog> _logs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ClientTransaction> _holdingAck = new(StringComparer.Ordinal);

    public OriginatingUa(IPEndPoint bindTo, TimeProvider? time = null)
    {
        var clock = time ?? TimeProvider.System;
        _responses = new MessageWaiter<SipResponse>(clock);
        _transport = new UdpSipTransport(bindTo);
        _transactions = new UacTransactions(clock, (message, to, note) => SendAsync(message.ToBytes(), to, LogOf(message.CallId), note));
        _transport.Start(OnMessageAsync);
    }

    public IPEndPoint LocalEndPoint => _transport.LocalEndPoint;

    public SipRequest CreateInvite(CallSpec call, IPEndPoint sut)
    {
        var local = LocalEndPoint;
        var host = sut.Address.ToString();
        var invite = new SipRequest { Method = "INVITE", RequestUri = $"sip:{call.CalleeNumber}@{host}:{sut.Port};user=phone" };
        invite.Headers.Add(HeaderNames.Via, $"SIP/2.0/UDP {local.Address}:{local.Port};branch={Tags.NewBranch()};rport");
        invite.Headers.Add(HeaderNames.MaxForwards, "70");
        invite.Headers.Add(HeaderNames.From, $"<sip:{call.FromNumber}@{local.Address};user=phone>;tag={Tags.New()}");
        invite.Headers.Add(HeaderNames.To, $"<sip:{call.CalleeNumber}@{host};user=phone>");
        invite.Headers.Add(HeaderNames.CallId, Tags.NewCallId() + "@conformance");
        invite.Headers.Add(HeaderNames.CSeq, "1 INVITE");
        invite.Headers.Add(HeaderNames.Contact, $"<sip:{call.FromNumber}@{local.Address}:{local.Port}>");
        if (call.AssertedNumber is not null)
        {
            invite.Headers.Add(HeaderNames.PAssertedIdentity, $"<sip:{call.AssertedNumber}@{local.Address};user=phone>");
        }

        invite.Headers.Add(HeaderNames.ContentType, "application/sdp");
        invite.Body = Encoding.ASCII.GetBytes(
            $"v=0\r\no=- 1 1 IN IP4 {local.Address}\r\ns=-\r\nc=IN IP4 {local.Address}\r\nt=0 0\r\nm=audio 40000 RTP/AVP 8\r\na=rtpmap:8 PCMA/8000\r\n");
        return invite;
    }

    /// <summary>
    /// Sends the INVITE and waits up to <paramref name="timeout"/> for its final response. With
    /// <paramref name="holdAck"/>, a rejection is not acknowledged until <see cref="ReleaseAckAsync"/>.
    /// </summary>
    public async Task<CallResult> CallAsync(SipRequest invite, IPEndPoint sut, EvidenceLog log, TimeSpan timeout, bool holdAck = false)
    {
        var callId = invite.CallId!;
        _logs[callId] = log;
        var wire = invite.ToBytes();
        var transaction = _transactions.Start(invite, sut, holdAck);
        if (holdAck)
        {
            _holdingAck[callId] = transaction;
        }

        var final = await _responses.WaitAsync(r => r.CallId == callId && r.CSeq?.Method == "INVITE" && r.StatusCode >= 200, timeout);
        if (final is null)
        {
            transaction.Dispose();
        }
        else
        {
            await AcknowledgeAnswerAsync(invite, final, sut);
        }

        return new CallResult(invite, ResponsesFor(callId)) { SentBytes = wire };
    }

    /// <summary>
    /// Sends the INVITE, waits for it to ring (180/183), runs <paramref name="whileRinging"/>, then cancels it
    /// (RFC 3261 §9.1: same Request-URI, Call-ID, From, To, Via branch and CSeq number); the INVITE's transaction
    /// acknowledges the 487.
    /// </summary>
    public async Task<CallResult> RingThenCancelAsync(SipRequest invite, IPEndPoint sut, EvidenceLog log, TimeSpan timeout, Func<Task> whileRinging)
    {
        var callId = invite.CallId!;
        _logs[callId] = log;
        var wire = invite.ToBytes();
        var transaction = _transactions.Start(invite, sut);
        var ringing = await _responses.WaitAsync(r => r.CallId == callId && r.StatusCode is 180 or 183 or >= 200, timeout);
        if (ringing is null || ringing.StatusCode >= 200)
        {
            if (ringing is null)
            {
                transaction.Dispose();
            }
            else
            {
                await AcknowledgeAnswerAsync(invite, ringing, sut);
            }

            return new CallResult(invite, ResponsesFor(callId)) { SentBytes = wire };
        }

        await whileRinging();
        var cancel = new SipRequest { Method = "CANCEL", RequestUri = invite.RequestUri };
        cancel.Headers.Add(HeaderNames.Via, invite.Headers[HeaderNames.Via]!);
        cancel.Headers.Add(HeaderNames.MaxForwards, "70");
        cancel.Headers.Add(HeaderNames.From, invite.Headers[HeaderNames.From]!);
        cancel.Headers.Add(HeaderNames.To, invite.Headers[HeaderNames.To]!);
        cancel.Headers.Add(HeaderNames.CallId, callId);
        cancel.Headers.Add(HeaderNames.CSeq, $"{invite.CSeq!.Value.Sequence.ToString(CultureInfo.InvariantCulture)} CANCEL");
        _transactions.Start(cancel, sut);
        var final = await _responses.WaitAsync(r => r.CallId == callId && r.CSeq?.Method == "INVITE" && r.StatusCode >= 200, timeout);
        if (final is not null)
        {
            await AcknowledgeAnswerAsync(invite, final, sut);
        }

        return new CallResult(invite, ResponsesFor(callId)) { SentBytes = wire };
    }

    /// <summary>Sends the ACK of the call's rejection held back by <see cref="CallAsync"/>; false when none was held.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA2000", Justification = "The transaction belongs to UacTransactions, which ends it by its timers and disposes what is left.")]
    public async ValueTask<bool> ReleaseAckAsync(string callId) =>
        _holdingAck.TryRemove(callId, out var transaction) && await _transactions.ReleaseAckAsync(transaction);

    /// <summary>Sends an exact copy of an earlier request, as a retransmission would be.</summary>
    public ValueTask RetransmitAsync(SipRequest request, IPEndPoint sut) =>
        SendAsync(request.ToBytes(), sut, LogOf(request.CallId), "retransmission");

    /// <summary>Sends bytes as they are; <paramref name="log"/> keeps them in a scenario's evidence.</summary>
    public ValueTask SendBytesAsync(byte[] bytes, IPEndPoint sut, EvidenceLog? log = null) => SendAsync(bytes, sut, log);

    public IReadOnlyList<SipResponse> ResponsesFor(string callId) => _responses.Where(r => r.CallId == callId);

    /// <summary>
    /// A 2xx is acknowledged end to end, in a transaction of its own, and the call hung up (§13.2.2.4); a rejection
    /// the INVITE's transaction has acknowledged already (§17.1.1.3).
    /// </summary>
    private async Task AcknowledgeAnswerAsync(SipRequest invite, SipResponse final, IPEndPoint sut)
    {
        if (final.StatusCode >= 300)
        {
            return;
        }

        var contact = NameAddress.TryParse(final.Headers[HeaderNames.Contact], out var c) ? c.Uri : null;
        var target = contact is not null && IPAddress.TryParse(contact.Host, out var address)
            ? new IPEndPoint(address, contact.Port ?? 5060)
            : sut;
        var requestUri = contact?.ToString() ?? invite.RequestUri;
        await SendAsync(BuildInDialog(invite, final, "ACK", Tags.NewBranch(), requestUri).ToBytes(), target, LogOf(invite.CallId));
        var bye = BuildInDialog(invite, final, "BYE", Tags.NewBranch(), requestUri, sequence: 2);
        await SendAsync(bye.ToBytes(), target, LogOf(invite.CallId));
    }

    private SipRequest BuildInDialog(SipRequest invite, SipResponse final, string method, string branch, string requestUri, uint? sequence = null)
    {
        var local = LocalEndPoint;
        var request = new SipRequest { Method = method, RequestUri = requestUri };
        request.Headers.Add(HeaderNames.Via, $"SIP/2.0/UDP {local.Address}:{local.Port};branch={branch};rport");
        request.Headers.Add(HeaderNames.MaxForwards, "70");
        request.Headers.Add(HeaderNames.From, invite.Headers[HeaderNames.From]!);
        request.Headers.Add(HeaderNames.To, final.Headers[HeaderNames.To]!);
        request.Headers.Add(HeaderNames.CallId, invite.CallId!);
        request.Headers.Add(HeaderNames.CSeq, $"{(sequence ?? invite.CSeq!.Value.Sequence).ToString(CultureInfo.InvariantCulture)} {method}");
        return request;
    }

    private ValueTask OnMessageAsync(InboundMessage inbound)
    {
        switch (inbound.Message)
        {
            case SipResponse response:
                RecordReceived(inbound);
                _transactions.OnResponse(response);
                _responses.Add(response);
                return ValueTask.CompletedTask;
            case SipRequest { Method: not "ACK" } request:
                RecordReceived(inbound);
                return SendAsync(SipResponse.For(request, 200).ToBytes(), inbound.Remote, LogOf(request.CallId));
            default:
                RecordReceived(inbound);
                return ValueTask.CompletedTask;
        }
    }

    private EvidenceLog? LogOf(string? callId) => callId is not null && _logs.TryGetValue(callId, out var log) ? log : null;

    private ValueTask SendAsync(byte[] bytes, IPEndPoint to, EvidenceLog? log, string note = "")
    {
        log?.RecordWire(new WireRecord(DateTimeOffset.UtcNow, "UDP", LocalEndPoint, to, bytes, Note: note));
        return _transport.SendBytesAsync(bytes, to);
    }

    // The transport hands over the parsed message, not its datagram: what is kept is the message written out again.
    private void RecordReceived(InboundMessage inbound) =>
        LogOf(inbound.Message.CallId)?.RecordWire(new WireRecord(DateTimeOffset.UtcNow, "UDP", inbound.Remote, LocalEndPoint, inbound.Message.ToBytes(), Note: "as parsed"));

    public ValueTask DisposeAsync()
    {
        _transactions.Dispose();
        return _transport.DisposeAsync();
    }
}
