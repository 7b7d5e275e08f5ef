using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Conformance.Adapters.Reference;
using Conformance.Harness.Adapters;
using Conformance.Harness.Evidence;
using Conformance.Harness.Push;
using Conformance.Harness.Calls;
using Conformance.Harness.ShortMessages;
using Conformance.Harness.Targets;
using Smpp.Receipts;
using Smpp.Text;

namespace Conformance.Adapters.Reference.Tests;

/// <summary>The suite SMSC answers registered_delivery with receipts; the reference node marks its warnings by them.</summary>
public sealed class ReferenceReceiptTests
{
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
