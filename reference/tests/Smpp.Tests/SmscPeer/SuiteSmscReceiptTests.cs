using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Conformance.Harness.Adapters;
using Conformance.Harness.Evidence;
using Conformance.Harness.Push;
using Conformance.Harness.Sip;
using Conformance.Harness.Smpp;
using Conformance.Harness.Targets;
using Smpp.Esme;
using Smpp.Tests.Esme;
using Smpp.Receipts;
using Smpp.Text;

namespace Smpp.Tests.SmscPeer;

/// <summary>The suite SMSC answers registered_delivery with receipts; our ESME and the reference node act on them.</summary>
public sealed class SuiteSmscReceiptTests
{
    [Test]
    public async Task TheEsmeHearsADeliveredAndAnUndeliverableReceiptForTheIdsItWasGiven()
    {
        await using var smsc = new SuiteSmsc { ReceiptOutcome = s => s.Pdu.DestinationAddress == "13800000002" ? ReceiptState.Undeliverable : ReceiptState.Delivered };
        smsc.Start();
        await using var esme = new EsmeClient(new EsmeOptions(), SmppConnectors.Tcp(smsc.EndPoint));
        var receipts = new List<DeliveryReceipt>();
        esme.ReceiptReceived += r =>
        {
            lock (receipts)
            {
                receipts.Add(r);
            }
        };
        esme.Start();

        var delivered = await esme.SubmitAsync(new OutboundMessage("FZSR", "13800000001", "Blocked {x}", DataCodings.Default) { RequestReceipt = true }).WaitAsync(TimeSpan.FromSeconds(10));
        var lost = await esme.SubmitAsync(new OutboundMessage("FZSR", "13800000002", "已拦截", DataCodings.Ucs2) { RequestReceipt = true }).WaitAsync(TimeSpan.FromSeconds(10));
        var unasked = await esme.SubmitAsync(new OutboundMessage("FZSR", "13800000003", "no receipt", DataCodings.Default)).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.That(await Eventually.Until(() => { lock (receipts) { return receipts.Count >= 2; } }), Is.True, "two receipts were asked for");

        lock (receipts)
        {
            Assert.That(receipts.Select(r => (r.MessageId, r.State)), Is.EquivalentTo(new[]
            {
                (delivered.MessageIds[0], ReceiptState.Delivered),
                (lost.MessageIds[0], ReceiptState.Undeliverable),
            }));
        }

        Assert.That(smsc.ReceiptsSent.Select(r => r.MessageId), Does.Not.Contain(unasked.MessageIds[0]));
        Assert.That((await smsc.WaitForMessageAsync("13800000001", TimeSpan.FromSeconds(2)))!.Text, Is.EqualTo("Blocked {x}"));
    }

    [Test]
    public async Task TheReferenceMarksAWarningDeliveredOrUndeliverableByItsReceipt()
    {
        const string lostCallee = "13700000002";
        await using var smsc = new SuiteSmsc { ReceiptOutcome = s => s.Pdu.DestinationAddress.EndsWith(lostCallee, StringComparison.Ordinal) ? ReceiptState.Undeliverable : ReceiptState.Delivered };
        smsc.Start();
        await using var push = new PushSink();
        await push.StartAsync();
        await using var callee = new TerminatingUa(new IPEndPoint(IPAddress.Loopback, 0));
        await using var caller = new OriginatingUa(new IPEndPoint(IPAddress.Loopback, 0));
        await using var node = new ReferenceAdapter("atis-603plus", [], new RuleParameters(), new WarningPeers(smsc.EndPoint, push.Url));
        var endpoints = await node.StartAsync(callee.LocalEndPoint, CancellationToken.None);
        using var http = new HttpClient { BaseAddress = endpoints.Management };
        var log = new EvidenceLog(TimeProvider.System);

        // Calls from abroad presenting a domestic number are intercepted; each callee gets an SMS notice.
        foreach (var number in new[] { "13700000001", lostCallee })
        {
            var invite = caller.CreateInvite(new CallSpec("+8613912345678", number), endpoints.Realm("international"));
            await caller.CallAsync(invite, endpoints.Realm("international"), log, TimeSpan.FromSeconds(2));
        }

        JsonElement delivered = default, lost = default;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        do
        {
            delivered = await State(http, "13700000001");
            lost = await State(http, lostCallee);
            if (delivered.GetProperty("state").GetString() == "delivered" && lost.GetProperty("state").GetString() == "undeliverable")
            {
                break;
            }

            await Task.Delay(50);
        }
        while (clock.Elapsed < TimeSpan.FromSeconds(10));

        Assert.Multiple(() =>
        {
            Assert.That(delivered.GetProperty("state").GetString(), Is.EqualTo("delivered"), delivered.ToString());
            Assert.That(lost.GetProperty("state").GetString(), Is.EqualTo("undeliverable"), lost.ToString());
            Assert.That(lost.GetProperty("reason").GetString(), Does.Contain("UNDELIV"));
            Assert.That(delivered.GetProperty("dataCoding").GetInt32(), Is.EqualTo(DataCodings.Ucs2), "a Chinese notice stays UCS-2");
        });
    }

    private static async Task<JsonElement> State(HttpClient http, string destination)
    {
        var answer = await http.GetFromJsonAsync<JsonElement>("/v1/warnings/sms?destination=" + destination);
        var messages = answer.GetProperty("messages");
        return messages.GetArrayLength() == 1 ? messages[0].Clone() : JsonDocument.Parse("""{ "state": "none" }""").RootElement;
    }
}
