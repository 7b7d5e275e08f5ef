using System.Text;

namespace Sip.Tests.Transactions;

/// <summary>What a transaction put on the wire, with the fake clock's time of each send.</summary>
internal sealed class Wire(Microsoft.Extensions.Time.Testing.FakeTimeProvider time)
{
    public List<(TimeSpan At, SipMessage Message)> Sent { get; } = [];

    private readonly DateTimeOffset _start = time.GetUtcNow();

    public void Send(SipMessage message) => Sent.Add((time.GetUtcNow() - _start, message));

    public IEnumerable<double> SecondsOf(Func<SipMessage, bool> which) => Sent.Where(s => which(s.Message)).Select(s => s.At.TotalSeconds);

    public static SipRequest Request(string method, string branch = "z9hG4bK776asdhds")
    {
        var text = SipMessages.Invite
            .Replace("INVITE sip:", method + " sip:", StringComparison.Ordinal)
            .Replace("314159 INVITE", "314159 " + method, StringComparison.Ordinal)
            .Replace("z9hG4bK776asdhds", branch, StringComparison.Ordinal);
        return (SipRequest)new SipParser().Parse(Encoding.UTF8.GetBytes(text), datagram: true).Message!;
    }

    public static SipResponse Response(SipRequest request, int code) => SipResponse.For(request, code, toTag: "callee-tag");
}
