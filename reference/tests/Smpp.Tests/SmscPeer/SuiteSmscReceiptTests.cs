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
using Smpp.Pdus;
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
    public async Task AReceiptScriptedForADestinationReachesTheReceiverLinkOfAnEsmeThatSubmitsOnATransmitterLink()
    {
        await using var smsc = new SuiteSmsc();
        smsc.Start();
        smsc.ScriptReceipt("+8613800000009", ReceiptState.Expired);
        await using var transmitter = new RawEsme();
        await using var receiver = new RawEsme();
        await transmitter.ConnectAsync(smsc.EndPoint);
        await receiver.ConnectAsync(smsc.EndPoint);
        Assert.That(await transmitter.RequestAsync(RawEsme.Bind("")), Is.InstanceOf<BindResponse>());
        Assert.That(await receiver.RequestAsync(new BindRequest(CommandId.BindReceiver) { SystemId = "warner", SequenceNumber = 1 }), Is.InstanceOf<BindResponse>());

        var lost = (ShortMessageResponse)(await transmitter.RequestAsync(RawEsme.Submit("13800000009", "已拦截", 2) with { RegisteredDelivery = DeliveryReceipt.ReceiptRequested }))!;
        var kept = (ShortMessageResponse)(await transmitter.RequestAsync(RawEsme.Submit("13800000008", "已拦截", 3) with { RegisteredDelivery = DeliveryReceipt.ReceiptRequested }))!;
        var first = (ShortMessagePdu)(await receiver.ReadAsync().WaitAsync(TimeSpan.FromSeconds(5)))!;
        var second = (ShortMessagePdu)(await receiver.ReadAsync().WaitAsync(TimeSpan.FromSeconds(5)))!;

        Assert.Multiple(() =>
        {
            Assert.That(DeliveryReceipt.TryRead(first, out var expired), Is.True, "the first deliver_sm is a receipt");
            Assert.That((expired.MessageId, expired.State), Is.EqualTo((lost.MessageId, ReceiptState.Expired)), "scripted for the subscriber, in whatever form it was addressed");
            Assert.That(DeliveryReceipt.TryRead(second, out var delivered), Is.True, "the second deliver_sm is a receipt");
            Assert.That((delivered.MessageId, delivered.State), Is.EqualTo((kept.MessageId, ReceiptState.Delivered)), "other destinations keep the default outcome");
        });
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
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", endpoints.ManagementToken);
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

        var international = await State(http, "+86" + lostCallee);
        Assert.That(international.GetProperty("destination").GetString(), Is.EqualTo(lostCallee), "the +86 form of a destination names the same subscriber");
        Assert.Multiple(() =>
        {
            Assert.That(delivered.GetProperty("state").GetString(), Is.EqualTo("delivered"), delivered.ToString());
            Assert.That(lost.GetProperty("state").GetString(), Is.EqualTo("undeliverable"), lost.ToString());
            Assert.That(lost.GetProperty("reason").GetString(), Does.Contain("UNDELIV"));
            Assert.That(lost.GetProperty("receipts")[0].GetProperty("stat").GetString(), Is.EqualTo("UNDELIV"), lost.ToString());
            Assert.That(lost.GetProperty("receipts")[0].GetProperty("messageId").GetString(), Is.EqualTo(lost.GetProperty("messageIds")[0].GetString()), lost.ToString());
            Assert.That(delivered.GetProperty("receipts")[0].GetProperty("stat").GetString(), Is.EqualTo("DELIVRD"), delivered.ToString());
            Assert.That(delivered.GetProperty("dataCoding").GetInt32(), Is.EqualTo(DataCodings.Ucs2), "a Chinese notice stays UCS-2");
        });
    }

    private static async Task<JsonElement> State(HttpClient http, string destination)
    {
        var answer = await http.GetFromJsonAsync<JsonElement>("/v1/warnings/sms?destination=" + Uri.EscapeDataString(destination));
        var messages = answer.GetProperty("messages");
        return messages.GetArrayLength() == 1 ? messages[0].Clone() : JsonDocument.Parse("""{ "state": "none" }""").RootElement;
    }
}
