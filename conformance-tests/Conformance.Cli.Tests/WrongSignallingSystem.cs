using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace Conformance.Cli.Tests;

/// <summary>
/// A system under test that is wrong in the ways a Call-ID-only or parse-only check cannot see: it answers every
/// INVITE with a well-formed 603 Network Blocked, yet forwards the INVITE to the callee under a new Call-ID, repeats
/// its 603 after the caller's ACK (it ignores ACKs), and relays anything that is not SIP to the callee unchanged.
/// </summary>
public sealed partial class WrongSignallingSystem : IAsyncDisposable
{
    private readonly UdpClient _socket = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly IPEndPoint _callee;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;

    public WrongSignallingSystem(IPEndPoint callee)
    {
        _callee = callee;
        _loop = Task.Run(ServeAsync);
    }

    public IPEndPoint EndPoint => (IPEndPoint)_socket.Client.LocalEndPoint!;

    private async Task ServeAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            UdpReceiveResult received;
            try
            {
                received = await _socket.ReceiveAsync(_stopping.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            var text = Encoding.UTF8.GetString(received.Buffer);
            if (text.StartsWith("INVITE ", StringComparison.Ordinal) && Header(text, "Call-ID") is { } callId)
            {
                var blocked = Encoding.UTF8.GetBytes(Blocked(text, callId));
                await _socket.SendAsync(blocked, received.RemoteEndPoint);
                var forwarded = text.Replace(callId, "renamed-" + callId.GetHashCode().ToString("x8", System.Globalization.CultureInfo.InvariantCulture) + "@wrong-system", StringComparison.Ordinal);
                await _socket.SendAsync(Encoding.UTF8.GetBytes(forwarded), _callee);
                _ = RepeatAsync(blocked, received.RemoteEndPoint);
            }
            else if (text.StartsWith("OPTIONS ", StringComparison.Ordinal) && Header(text, "Call-ID") is { } optionsId)
            {
                // It answers OPTIONS as any SIP system must (RFC 3261 §11): a system that does not is stopped before the first scenario.
                await _socket.SendAsync(Encoding.UTF8.GetBytes(Capabilities(text, optionsId)), received.RemoteEndPoint);
            }
            else if (!SipStart().IsMatch(text))
            {
                await _socket.SendAsync(received.Buffer, _callee);
            }
        }
    }

    /// <summary>Timer G as if no ACK ever came: the 603 again after 500 ms.</summary>
    private async Task RepeatAsync(byte[] response, IPEndPoint caller)
    {
        try
        {
            await Task.Delay(500, _stopping.Token);
            await _socket.SendAsync(response, caller);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Stopped meanwhile.
        }
    }

    private static string Blocked(string invite, string callId)
    {
        var tag = "wrong" + (callId.GetHashCode() & 0xffff).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return "SIP/2.0 603 Network Blocked\r\n" +
            $"Via: {Header(invite, "Via")}\r\n" +
            $"From: {Header(invite, "From")}\r\n" +
            $"To: {Header(invite, "To")};tag={tag}\r\n" +
            $"Call-ID: {callId}\r\n" +
            $"CSeq: {Header(invite, "CSeq")}\r\n" +
            "Reason: SIP;cause=603;text=\"v=analytics1;url=https://redress.wrong-system.example\"\r\n" +
            "Content-Length: 0\r\n\r\n";
    }

    private static string Capabilities(string options, string callId) =>
        "SIP/2.0 200 OK\r\n" +
        $"Via: {Header(options, "Via")}\r\n" +
        $"From: {Header(options, "From")}\r\n" +
        $"To: {Header(options, "To")};tag=wrong-options\r\n" +
        $"Call-ID: {callId}\r\n" +
        $"CSeq: {Header(options, "CSeq")}\r\n" +
        "Allow: INVITE, ACK, CANCEL, BYE, OPTIONS\r\n" +
        "Content-Length: 0\r\n\r\n";

    private static string? Header(string message, string name)
    {
        var match = Regex.Match(message, $"^{Regex.Escape(name)}:\\s*(.*?)\\r$", RegexOptions.Multiline | RegexOptions.IgnoreCase);
        return match.Success ? match.Groups[1].Value : null;
    }

    [GeneratedRegex("^(?:[A-Z]+ \\S+ SIP/2\\.0|SIP/2\\.0 \\d{3})\\r\\n")]
    private static partial Regex SipStart();

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _socket.Dispose();
        await _loop.WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { }, TaskScheduler.Default);
        _stopping.Dispose();
    }
}
