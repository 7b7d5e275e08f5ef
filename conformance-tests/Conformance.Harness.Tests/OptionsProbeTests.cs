using System.Net;
using System.Net.Sockets;
using Conformance.Harness.Calls;
using Conformance.SpecModel;
using Sip;
using Sip.Transport;

namespace Conformance.Harness.Tests;

/// <summary>The OPTIONS probe over real loopback sockets: what a realm answers is compared with the PICS, and a silent realm ends in a note.</summary>
public sealed class OptionsProbeTests
{
    private static PicsProforma Proforma()
    {
        var directory = Path.Combine(Path.GetTempPath(), "options-probe-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "pics.yaml");
        File.WriteAllText(path, """
            capabilities:
              - code: SIG
                title: Interceptions
                requires: []
              - code: ONE
                title: One-ring detection
                requires: []
            advertised:
              SIG: { methods: [INVITE, ACK], extensions: [] }
              ONE: { methods: [INVITE, CANCEL], extensions: [] }
            """);
        return PicsProforma.Load(path);
    }

    [Test]
    public async Task ARealmThatDoesNotAllowWhatThePicsDeclaresIsWarnedAbout()
    {
        await using var realm = Answering("INVITE, ACK, OPTIONS");
        var probe = new OptionsProbe(Proforma(), new Dictionary<string, bool>());

        var results = await probe.ProbeAsync(new Dictionary<string, IPEndPoint> { ["access"] = realm.LocalEndPoint }, IPAddress.Loopback, TimeSpan.FromSeconds(2));

        var access = results.Single();
        Assert.Multiple(() =>
        {
            Assert.That(access.Answered, Is.True);
            Assert.That(access.Status, Is.EqualTo(200));
            Assert.That(access.Allow, Is.EqualTo(new[] { "INVITE", "ACK", "OPTIONS" }));
            Assert.That(access.Warnings, Has.One.Contains("declares ONE").And.Contains("CANCEL"));
            Assert.That(access.Note, Is.Null);
        });
    }

    [Test]
    public async Task ARealmThatAgreesWithThePicsGivesNoWarning()
    {
        await using var realm = Answering("INVITE, ACK, CANCEL, BYE, OPTIONS");
        var probe = new OptionsProbe(Proforma(), new Dictionary<string, bool>());

        var results = await probe.ProbeAsync(new Dictionary<string, IPEndPoint> { ["international"] = realm.LocalEndPoint }, IPAddress.Loopback, TimeSpan.FromSeconds(2));

        Assert.That(results.Single().Warnings, Is.Empty);
        Assert.That(results.Single().Answered, Is.True);
    }

    [Test]
    public async Task ASilentRealmYieldsAnInconclusiveNoteAfterTheTimeoutWhileOthersAreCompared()
    {
        await using var answering = Answering("INVITE, ACK, OPTIONS");
        using var silent = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var probe = new OptionsProbe(Proforma(), new Dictionary<string, bool>());
        var realms = new Dictionary<string, IPEndPoint> { ["access"] = answering.LocalEndPoint, ["interconnect"] = (IPEndPoint)silent.Client.LocalEndPoint! };

        // The answering realm must answer inside the time-out even on a loaded machine (700 ms was exceeded in CI), so
        // the time-out is generous; only the silent realm runs it out.
        var results = await probe.ProbeAsync(realms, IPAddress.Loopback, TimeSpan.FromMilliseconds(4000)).WaitAsync(TimeSpan.FromSeconds(30));

        var interconnect = results.Single(r => r.Realm == "interconnect");
        Assert.Multiple(() =>
        {
            Assert.That(interconnect.Answered, Is.False);
            Assert.That(interconnect.Note, Does.Contain("did not answer OPTIONS within 4000 ms").And.Contains("inconclusive"));
            Assert.That(interconnect.Warnings, Is.Empty);
            Assert.That(results.Single(r => r.Realm == "access").Warnings, Has.One.Contains("CANCEL"));
        });
    }

    [Test]
    public async Task AnAnswerOtherThan200IsNotComparedButNoted()
    {
        await using var realm = Answering(null, status: 405);
        var probe = new OptionsProbe(Proforma(), new Dictionary<string, bool>());

        var results = await probe.ProbeAsync(new Dictionary<string, IPEndPoint> { ["access"] = realm.LocalEndPoint }, IPAddress.Loopback, TimeSpan.FromSeconds(2));

        Assert.That(results.Single().Note, Does.Contain("405"));
        Assert.That(results.Single().Warnings, Is.Empty);
    }

    [Test]
    public async Task TheOptionsIsRetransmittedOnTimerEOfTheGivenClockUntilTheRealmAnswers()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var arrivals = 0;
        var answerFrom = 3;
        await using var realm = new UdpSipTransport(new IPEndPoint(IPAddress.Loopback, 0));
        realm.Start(inbound =>
        {
            // Silent for the first two, as a lossy path would be; the third copy is answered.
            return inbound.Message is SipRequest { Method: "OPTIONS" } request && Interlocked.Increment(ref arrivals) >= answerFrom
                ? realm.SendAsync(SipResponse.For(request, 200), inbound.Remote)
                : ValueTask.CompletedTask;
        });
        var probe = new OptionsProbe(Proforma(), new Dictionary<string, bool>(), time);

        var probing = probe.ProbeAsync(new Dictionary<string, IPEndPoint> { ["access"] = realm.LocalEndPoint }, IPAddress.Loopback, TimeSpan.FromSeconds(10));
        await WaitForAsync(() => Volatile.Read(ref arrivals) == 1);
        time.Advance(TimeSpan.FromMilliseconds(500));
        await WaitForAsync(() => Volatile.Read(ref arrivals) == 2);
        time.Advance(TimeSpan.FromMilliseconds(999));
        await Task.Delay(200);
        var beforeTheDoubledInterval = Volatile.Read(ref arrivals);
        time.Advance(TimeSpan.FromMilliseconds(1));
        var results = await probing.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Multiple(() =>
        {
            Assert.That(beforeTheDoubledInterval, Is.EqualTo(2), "timer E doubles: the third copy waits 1 s after the second");
            Assert.That(results.Single().Answered, Is.True);
            Assert.That(Volatile.Read(ref arrivals), Is.EqualTo(3));
        });
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(25);
        }

        Assert.That(condition(), Is.True, "the realm never received the expected copy");
    }

    /// <summary>A realm that answers every OPTIONS with the given status and Allow header (none when null).</summary>
    private static UdpSipTransport Answering(string? allow, int status = 200)
    {
        var transport = new UdpSipTransport(new IPEndPoint(IPAddress.Loopback, 0));
        transport.Start(inbound =>
        {
            if (inbound.Message is not SipRequest { Method: "OPTIONS" } request)
            {
                return ValueTask.CompletedTask;
            }

            var response = SipResponse.For(request, status);
            if (allow is not null)
            {
                response.Headers.Add(HeaderNames.Allow, allow);
            }

            return transport.SendAsync(response, inbound.Remote);
        });
        return transport;
    }
}
