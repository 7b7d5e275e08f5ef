using System.Collections.Concurrent;
using System.Net;
using Sip;
using Sip.Transactions;

namespace Conformance.Harness.Calls;

/// <summary>
/// The client transactions of the suite's calling side (RFC 3261 §17.1), over one UDP socket: the library's state
/// machines retransmit on timers A and E, acknowledge a rejected INVITE hop by hop and absorb retransmitted answers,
/// on the <see cref="TimeProvider"/> given, instead of each user agent timing its own retransmissions. Responses are
/// matched to their transaction by top Via branch and CSeq method (§17.1.3).
/// </summary>
public sealed class UacTransactions(TimeProvider time, Func<SipMessage, IPEndPoint, string, ValueTask> send) : ITransactionUser, IDisposable
{
    private readonly ConcurrentDictionary<string, ClientTransaction> _byKey = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<SipTransaction, Sending> _sending = new();

    // The first final response of each transaction, kept from the moment the transaction hears it: an answer can come
    // back before anyone awaits it (Start sends at once, and a near peer answers before the caller's next line runs).
    // Weak, so a transaction nobody awaits takes its answer with it.
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<SipTransaction, SipResponse> _finals = new();

    public TimeProvider Time => time;

    /// <summary>
    /// Starts a transaction for <paramref name="request"/> towards <paramref name="to"/>: the request goes out now.
    /// With <paramref name="holdAck"/>, the ACK the transaction builds for a rejection is kept, not sent, until
    /// <see cref="ReleaseAckAsync"/>: the server's transaction stays in Completed (RFC 3261 §17.2.1), where a
    /// retransmitted INVITE must get the final response again.
    /// </summary>
    public ClientTransaction Start(SipRequest request, IPEndPoint to, bool holdAck = false)
    {
        ClientTransaction transaction = request.Method == "INVITE"
            ? new ClientInviteTransaction(request, this, reliable: false, time)
            : new ClientNonInviteTransaction(request, this, reliable: false, time);
        _sending[transaction] = new Sending(request, to) { HoldAck = holdAck };
        _byKey[Key(request.TopVia?.Branch, request.Method)] = transaction;
        transaction.Start();
        return transaction;
    }

    /// <summary>Hands a response to its transaction; false when none is open for it (a stray or late answer).</summary>
    public bool OnResponse(SipResponse response)
    {
        if (!_byKey.TryGetValue(Key(response.TopVia?.Branch, response.CSeq?.Method), out var transaction))
        {
            return false;
        }

        transaction.OnResponse(response);
        return true;
    }

    /// <summary>
    /// Sends the ACK a held transaction kept (the last one it built: it builds one again for every retransmitted
    /// rejection it hears) and lets later ones go out; false when it built none or has ended.
    /// </summary>
    public async ValueTask<bool> ReleaseAckAsync(ClientTransaction transaction)
    {
        if (!_sending.TryGetValue(transaction, out var sending))
        {
            return false;
        }

        SipRequest? held;
        lock (sending)
        {
            sending.HoldAck = false;
            held = sending.HeldAck;
            sending.HeldAck = null;
        }

        if (held is null)
        {
            return false;
        }

        await send(held, sending.To, "the held ACK");
        return true;
    }

    /// <summary>Why the transport refused the transaction's messages, or null when it took them all.</summary>
    public Exception? TransportError(SipTransaction transaction) => _sending.TryGetValue(transaction, out var sending) ? sending.Error : null;

    /// <summary>
    /// The final response, or null when none came within <paramref name="within"/> or the transaction ended without one;
    /// the transaction then stops retransmitting.
    /// </summary>
    public async Task<SipResponse?> FinalResponseAsync(ClientTransaction transaction, TimeSpan within)
    {
        var final = new TaskCompletionSource<SipResponse?>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnResponse(SipResponse response)
        {
            if (response.StatusCode >= 200)
            {
                final.TrySetResult(response);
            }
        }

        void OnEnded(SipTransaction ended, TransactionEnd end) => final.TrySetResult(null);
        transaction.ResponseReceived += OnResponse;
        transaction.Ended += OnEnded;

        // Subscribed first, then looked up: an answer delivered before the subscription was kept (the transaction tells
        // its user before it raises the event), so it is seen either way.
        if (_finals.TryGetValue(transaction, out var already))
        {
            final.TrySetResult(already);
        }
        else if (transaction.State == TransactionState.Terminated)
        {
            final.TrySetResult(null);
        }

        try
        {
            return await final.Task.WaitAsync(within, time);
        }
        catch (TimeoutException)
        {
            transaction.Dispose();
            return null;
        }
        finally
        {
            transaction.ResponseReceived -= OnResponse;
            transaction.Ended -= OnEnded;
        }
    }

    void ITransactionUser.Send(SipTransaction transaction, SipMessage message)
    {
        if (!_sending.TryGetValue(transaction, out var sending))
        {
            return;
        }

        if (message is SipRequest { Method: "ACK" } ack)
        {
            lock (sending)
            {
                if (sending.HoldAck)
                {
                    sending.HeldAck = ack;
                    return;
                }
            }
        }

        var retransmission = ReferenceEquals(message, sending.Request) && sending.Sends++ > 0;
        var note = retransmission ? $"retransmission, Timer {(transaction is ClientInviteTransaction ? "A" : "E")}" : string.Empty;
        ValueTask pending;
        try
        {
            pending = send(message, sending.To, note);
        }
        catch (System.Net.Sockets.SocketException ex)
        {
            Failed(transaction, sending, ex);
            return;
        }

        if (!pending.IsCompletedSuccessfully)
        {
            _ = ObserveAsync(transaction, sending, pending);
        }
    }

    void ITransactionUser.OnResponse(ClientTransaction transaction, SipResponse response)
    {
        if (response.StatusCode >= 200)
        {
            _finals.TryAdd(transaction, response);
        }
    }

    void ITransactionUser.OnSettled(SipTransaction transaction)
    {
    }

    void ITransactionUser.OnEnded(SipTransaction transaction, TransactionEnd end)
    {
        if (_sending.TryGetValue(transaction, out var sending) && sending.Error is null)
        {
            _sending.TryRemove(transaction, out _);
        }

        foreach (var entry in _byKey.Where(e => ReferenceEquals(e.Value, transaction)))
        {
            _byKey.TryRemove(entry);
        }
    }

    public void Dispose()
    {
        foreach (var transaction in _sending.Keys)
        {
            transaction.Dispose();
        }

        _sending.Clear();
        _byKey.Clear();
    }

    private async Task ObserveAsync(SipTransaction transaction, Sending sending, ValueTask pending)
    {
        try
        {
            await pending;
        }
        catch (System.Net.Sockets.SocketException ex)
        {
            Failed(transaction, sending, ex);
        }
    }

    // The transaction's lock is held while it sends: it hears of the failure from the thread pool, not from inside it.
    private static void Failed(SipTransaction transaction, Sending sending, Exception error)
    {
        sending.Error = error;
        if (transaction is ClientTransaction client)
        {
            ThreadPool.QueueUserWorkItem(_ => client.OnTransportError());
        }
    }

    private static string Key(string? branch, string? method) => $"{branch}|{method}";

    private sealed class Sending(SipRequest request, IPEndPoint to)
    {
        public SipRequest Request { get; } = request;

        public IPEndPoint To { get; } = to;

        public int Sends { get; set; }

        /// <summary>ACKs are kept, not sent (under the instance's lock: the receiving thread builds them).</summary>
        public bool HoldAck { get; set; }

        public SipRequest? HeldAck { get; set; }

        public Exception? Error { get; set; }
    }
}
