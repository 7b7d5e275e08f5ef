using System.Net;
using global::Sip;
using global::Sip.Transport;

namespace Conformance.Harness.Sip;

/// <summary>
/// The suite's called side: the network beyond the system under test. It records every INVITE that reaches it,
/// rings and answers it, and completes BYE and CANCEL, so a forwarded call runs to a clean end.
/// </summary>
public sealed class TerminatingUa : IAsyncDisposable
{
    private readonly UdpSipTransport _transport;
    private readonly MessageWaiter<SipRequest> _requests = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _ringOnly = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (SipRequest Invite, string Tag)> _ringing = new(StringComparer.Ordinal);

    public TerminatingUa(IPEndPoint bindTo)
    {
        _transport = new UdpSipTransport(bindTo);
        _transport.Start(OnMessageAsync);
    }

    public IPEndPoint LocalEndPoint => _transport.LocalEndPoint;

    public Task<SipRequest?> WaitForInviteAsync(string calleeNumber, TimeSpan timeout) =>
        _requests.WaitAsync(r => r.Method == "INVITE" && IsFor(r, calleeNumber), timeout);

    /// <summary>Calls to this callee ring (180) but are never answered: they end only when the caller cancels (487).</summary>
    public void RingWithoutAnswer(string calleeNumber) => _ringOnly[calleeNumber] = 0;

    public IReadOnlyList<SipRequest> InvitesFor(string calleeNumber) =>
        _requests.Where(r => r.Method == "INVITE" && IsFor(r, calleeNumber));

    private static bool IsFor(SipRequest request, string calleeNumber) =>
        SipUri.TryParse(request.RequestUri, out var uri) && uri.Number == calleeNumber;

    private async ValueTask OnMessageAsync(InboundMessage inbound)
    {
        if (inbound.Message is not SipRequest request)
        {
            return;
        }

        _requests.Add(request);
        switch (request.Method)
        {
            case "INVITE":
                var tag = Tags.New();
                await _transport.SendAsync(SipResponse.For(request, 180, toTag: tag), inbound.Remote);
                if (SipUri.TryParse(request.RequestUri, out var called) && called.Number is { } number && _ringOnly.ContainsKey(number))
                {
                    _ringing[request.CallId ?? string.Empty] = (request, tag);
                    break;
                }

                var ok = SipResponse.For(request, 200, toTag: tag);
                var local = LocalEndPoint;
                ok.Headers.Add(HeaderNames.Contact, $"<sip:callee@{local.Address}:{local.Port}>");
                await _transport.SendAsync(ok, inbound.Remote);
                break;
            case "ACK":
                break;
            case "CANCEL":
                await _transport.SendAsync(SipResponse.For(request, 200), inbound.Remote);
                if (_ringing.TryRemove(request.CallId ?? string.Empty, out var ringing))
                {
                    // RFC 3261 §9.2: the cancelled INVITE is answered 487 Request Terminated.
                    await _transport.SendAsync(SipResponse.For(ringing.Invite, 487, toTag: ringing.Tag), inbound.Remote);
                }

                break;
            default:
                await _transport.SendAsync(SipResponse.For(request, 200), inbound.Remote);
                break;
        }
    }

    public ValueTask DisposeAsync() => _transport.DisposeAsync();
}
