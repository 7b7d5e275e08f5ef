using System.Globalization;
using System.Net;
using System.Text;
using System.Threading.Channels;
using Sip;
using Sip.Transport;

namespace Reference.Tests;

/// <summary>A bare SIP endpoint on a real loopback UDP socket (port 0): sends what a test builds and hands back what arrives.</summary>
public sealed class SipPeer : IAsyncDisposable
{
    private readonly UdpSipTransport _transport = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly Channel<SipMessage> _received = Channel.CreateUnbounded<SipMessage>();
    private readonly List<SipMessage> _seen = [];

    public SipPeer()
    {
        _transport.Start(inbound =>
        {
            lock (_seen)
            {
                _seen.Add(inbound.Message);
            }

            _received.Writer.TryWrite(inbound.Message);
            return ValueTask.CompletedTask;
        });
    }

    public IPEndPoint EndPoint => _transport.LocalEndPoint;

    /// <summary>Everything received so far, in order.</summary>
    public IReadOnlyList<SipMessage> Seen
    {
        get
        {
            lock (_seen)
            {
                return _seen.ToList();
            }
        }
    }

    public ValueTask SendAsync(SipMessage message, IPEndPoint to) => _transport.SendAsync(message, to);

    /// <summary>The next message that matches, skipping others; fails the test when none comes in time.</summary>
    public async Task<T> NextAsync<T>(Func<T, bool> match, TimeSpan? within = null)
        where T : SipMessage
    {
        using var timeout = new CancellationTokenSource(within ?? TimeSpan.FromSeconds(5));
        try
        {
            while (true)
            {
                if (await _received.Reader.ReadAsync(timeout.Token) is T message && match(message))
                {
                    return message;
                }
            }
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"{EndPoint} received nothing that matched in time; it saw: {string.Join(" | ", Seen.Select(Describe))}");
            throw;
        }
    }

    public Task<SipResponse> ResponseAsync(int status, string method = "INVITE", TimeSpan? within = null) =>
        NextAsync<SipResponse>(r => r.StatusCode == status && r.CSeq?.Method == method, within);

    public Task<SipRequest> RequestAsync(string method, TimeSpan? within = null) => NextAsync<SipRequest>(r => r.Method == method, within);

    /// <summary>An INVITE from this peer, from <paramref name="caller"/> to <paramref name="callee"/>, addressed to <paramref name="node"/>.</summary>
    public SipRequest Invite(IPEndPoint node, string caller, string callee)
    {
        var local = EndPoint;
        var invite = new SipRequest { Method = "INVITE", RequestUri = $"sip:{callee}@{node.Address}:{node.Port.ToString(CultureInfo.InvariantCulture)};user=phone" };
        invite.Headers.Add(HeaderNames.Via, $"SIP/2.0/UDP {local.Address}:{local.Port.ToString(CultureInfo.InvariantCulture)};branch={Tags.NewBranch()};rport");
        invite.Headers.Add(HeaderNames.MaxForwards, "70");
        invite.Headers.Add(HeaderNames.From, $"<sip:{caller}@{local.Address};user=phone>;tag={Tags.New()}");
        invite.Headers.Add(HeaderNames.To, $"<sip:{callee}@{node.Address};user=phone>");
        invite.Headers.Add(HeaderNames.CallId, Tags.NewCallId() + "@reference.tests");
        invite.Headers.Add(HeaderNames.CSeq, "1 INVITE");
        invite.Headers.Add(HeaderNames.Contact, $"<sip:{caller}@{local.Address}:{local.Port.ToString(CultureInfo.InvariantCulture)}>");
        invite.Headers.Add(HeaderNames.ContentType, "application/sdp");
        invite.Body = Encoding.ASCII.GetBytes("v=0\r\n");
        return invite;
    }

    /// <summary>A request of the INVITE's transaction (CANCEL, or ACK for a non-2xx): its branch, Request-URI, From, Call-ID and CSeq number.</summary>
    public static SipRequest SameTransaction(SipRequest invite, string method, SipResponse? final = null)
    {
        var request = new SipRequest { Method = method, RequestUri = invite.RequestUri };
        request.Headers.Add(HeaderNames.Via, invite.Headers[HeaderNames.Via]!);
        request.Headers.Add(HeaderNames.MaxForwards, "70");
        request.Headers.Add(HeaderNames.From, invite.Headers[HeaderNames.From]!);
        request.Headers.Add(HeaderNames.To, final?.Headers[HeaderNames.To] ?? invite.Headers[HeaderNames.To]!);
        request.Headers.Add(HeaderNames.CallId, invite.CallId!);
        request.Headers.Add(HeaderNames.CSeq, $"{invite.CSeq!.Value.Sequence.ToString(CultureInfo.InvariantCulture)} {method}");
        return request;
    }

    private static string Describe(SipMessage message) => message switch
    {
        SipResponse r => $"{r.StatusCode} {r.CSeq?.Method}",
        SipRequest r => r.Method,
        _ => "?",
    };

    public ValueTask DisposeAsync() => _transport.DisposeAsync();
}
