using System.Net;
using System.Net.Sockets;
using Labelling;
using Microsoft.Extensions.Logging.Abstractions;
using Reference.Warnings;
using Screening;

namespace Reference.Tests.Warnings;

/// <summary>
/// The interception notice goes out on whichever channel is configured: with push alone it is still written and
/// pushed (with neither channel it is not written at all, which nothing outside can see).
/// </summary>
public sealed class WarningDispatcherTests
{
    [Test]
    public async Task WithPushAloneAnInterceptedCallsNoticeIsPushed()
    {
        var port = FreePort();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/push/");
        listener.Start();
        var options = new WarningOptions { PushUrl = new Uri($"http://127.0.0.1:{port}/push/"), PushAttempts = 1 };
        using var push = new PushSender(options, NullLogger<PushSender>.Instance);
        var sms = new SmsSender(options, NullLogger<SmsSender>.Instance);
        var dispatcher = new WarningDispatcher(options, new LabelBook(LabelParameters.Defaults), sms, push, NullLogger<WarningDispatcher>.Instance);
        var call = new CallAttempt(Realm.International, "+8613812345678", null, "13912345678", "127.0.0.1:5060", "push-alone@test", DateTimeOffset.UnixEpoch);

        var received = listener.GetContextAsync();
        dispatcher.OnScreened(call, ScreeningDecision.Intercept("intl-domestic-number", "intl-presents-domestic-number", "test"));
        var arrived = await Task.WhenAny(received, Task.Delay(TimeSpan.FromSeconds(10))) == received;
        string body = string.Empty;
        if (arrived)
        {
            var context = await received;
            using var reader = new StreamReader(context.Request.InputStream);
            body = await reader.ReadToEndAsync();
            context.Response.StatusCode = 200;
            context.Response.Close();
        }

        Assert.Multiple(() =>
        {
            Assert.That(arrived, Is.True, "no push came within 10 s");
            Assert.That(body, Does.Contain("interception").And.Contain("13912345678"));
        });
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
