using System.Net;
using System.Text.Json;
using Smpp.Esme;
using Smpp.Pdus;
using Smpp.Text;
using Smpp.Transport;

namespace Smpp.Tests.Interop;

/// <summary>Our ESME against node's SMSC, so the ESME is not only tested against an SMSC of our own making (the suite's SMSC meets node's ESME in Conformance.Harness.Tests).</summary>
[NonParallelizable]
public class NodeSmppInteropTests
{
    private static readonly string Interop = NodePeer.InteropDirectory(typeof(NodeSmppInteropTests).Assembly);

    [Test]
    public async Task Our_esme_is_understood_by_an_independent_smsc_and_honours_its_throttling()
    {
        using var node = NodePeer.Start(Interop, "smsc.js", "1");
        var port = node.Next("listening").GetProperty("port").GetInt32();
        var options = new EsmeOptions { SystemId = "warner", Password = "secret", ThrottleInitialDelay = TimeSpan.FromMilliseconds(100) };
        await using var esme = new EsmeClient(options, SmppConnectors.Tcp(new IPEndPoint(IPAddress.Loopback, port)));
        esme.Start();
        const string flash = "【安全提示】来电被多人标记为骚扰电话,请谨慎接听。";
        var longNotice = "【安全提示】" + string.Concat(Enumerable.Repeat("已为您拦截一次来自境外的冒用号码来电。", 5));

        var flashResult = await esme.SubmitAsync(new OutboundMessage("12321", "13800138001", flash, DataCodings.FlashUcs2)).WaitAsync(TimeSpan.FromSeconds(10));
        var noticeResult = await esme.SubmitAsync(new OutboundMessage("12321", "13800138002", longNotice, DataCodings.Ucs2)).WaitAsync(TimeSpan.FromSeconds(10));

        var bind = node.Next("bind_transceiver");
        Assert.That(bind.GetProperty("system_id").GetString(), Is.EqualTo("warner"));
        var throttled = node.Next("submit_sm");
        var accepted = node.Next("submit_sm");
        Assert.That(throttled.GetProperty("throttled").GetBoolean(), Is.True);
        Assert.That(flashResult.Outcome, Is.EqualTo(SubmissionOutcome.Accepted), flashResult.Reason);
        Assert.That(flashResult.Attempts, Is.EqualTo(2));
        Assert.That(flashResult.MessageIds, Is.EqualTo(new[] { "node-1" }));
        Assert.That(accepted.GetProperty("data_coding").GetInt32(), Is.EqualTo(0x18));
        Assert.That(accepted.GetProperty("text").GetString(), Is.EqualTo(flash), "node decodes our UCS-2 as the same text");
        Assert.That(accepted.GetProperty("destination").GetString(), Is.EqualTo("13800138001"));

        Assert.That(noticeResult.Outcome, Is.EqualTo(SubmissionOutcome.Accepted), noticeResult.Reason);
        var segments = Enumerable.Range(0, noticeResult.Segments).Select(_ => node.Next("submit_sm")).ToList();
        Assert.That(segments, Has.Count.EqualTo(2));
        Assert.That(segments.Select(s => s.GetProperty("esm_class").GetInt32() & 0x40), Is.All.EqualTo(0x40));
        Assert.That(segments.Select(s => s.GetProperty("udh")[0].GetString()), Is.EqualTo(new[] { "0003" + Ref(segments[0]) + "0201", "0003" + Ref(segments[0]) + "0202" }));
        Assert.That(string.Concat(segments.Select(s => s.GetProperty("text").GetString())), Is.EqualTo(longNotice));

        await esme.StopAsync(TimeSpan.FromSeconds(1));
        node.Next("unbind");
    }

    [Test]
    public async Task Our_submit_multi_is_read_by_an_independent_smsc_and_its_unsuccess_sme_by_us()
    {
        using var node = NodePeer.Start(Interop, "smsc.js", "0");
        var port = node.Next("listening").GetProperty("port").GetInt32();
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        await using var link = new PduConnection(tcp.GetStream());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await link.WriteAsync(new BindRequest(CommandId.BindTransmitter) { SystemId = "warner", SequenceNumber = 1 }, timeout.Token);
        Assert.That((await link.ReadAsync(timeout.Token))?.Pdu?.Status, Is.EqualTo(CommandStatus.Ok));
        const string notice = "【参考网络】已为您拦截一次冒用号码来电";

        await link.WriteAsync(new SubmitMultiPdu
        {
            SequenceNumber = 2,
            Message = new ShortMessagePdu(CommandId.SubmitSm)
            {
                SourceAddress = "FZSR",
                DataCoding = DataCodings.Ucs2,
                ShortMessage = ShortMessageText.Encode(notice, DataCodings.Ucs2),
            },
            Destinations = [MultiDestination.Sme("13800138010", 1, 1), MultiDestination.Sme("13800138099", 1, 1), MultiDestination.DistributionList("night-shift")],
        }, timeout.Token);
        var answer = (await link.ReadAsync(timeout.Token))?.Pdu as SubmitMultiResponse;

        var seen = node.Next("submit_multi");
        Assert.Multiple(() =>
        {
            Assert.That(seen.GetProperty("destinations").EnumerateArray().Select(d => d.TryGetProperty("dl_name", out var dl) ? "dl:" + dl.GetString() : d.GetProperty("address").GetString()),
                Is.EqualTo(new[] { "13800138010", "13800138099", "dl:night-shift" }), "node reads our SME addresses and list name");
            Assert.That(seen.GetProperty("text").GetString(), Is.EqualTo(notice));
            Assert.That(answer, Is.Not.Null, "node answered with a submit_multi_resp we decode");
            Assert.That(answer!.MessageId, Does.StartWith("node-"));
            Assert.That(answer.Unsuccessful, Is.EqualTo(new[]
            {
                new UnsuccessfulDestination("13800138099", CommandStatus.InvalidDestinationAddress, 1, 1),
                new UnsuccessfulDestination("night-shift", CommandStatus.InvalidDistributionListName),
            }));
        });
    }

    [Test]
    public async Task Our_esme_sends_gsm_7_bit_that_an_independent_smsc_reads_and_understands_its_text_receipt()
    {
        using var node = NodePeer.Start(Interop, "smsc.js", "0");
        var port = node.Next("listening").GetProperty("port").GetInt32();
        await using var esme = new EsmeClient(new EsmeOptions { SystemId = "warner" }, SmppConnectors.Tcp(new IPEndPoint(IPAddress.Loopback, port)));
        // The ESME answers deliver_sm before it reports the receipt, so the node can say "answered" first: wait for the report.
        var receipts = new List<Smpp.Receipts.DeliveryReceipt>();
        var firstReceipt = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        esme.ReceiptReceived += r =>
        {
            lock (receipts)
            {
                receipts.Add(r);
            }

            firstReceipt.TrySetResult();
        };
        esme.Start();
        const string notice = "Call from +8613800000000 blocked {spoofed} 5€ [ok] @home_";

        var result = await esme.SubmitAsync(new OutboundMessage("12321", "13800138005", notice, DataCodings.Default) { RequestReceipt = true }).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.That(result.Outcome, Is.EqualTo(SubmissionOutcome.Accepted), result.Reason);
        var submit = node.Next("submit_sm");
        Assert.Multiple(() =>
        {
            Assert.That(submit.GetProperty("data_coding").GetInt32(), Is.EqualTo(0x00));
            Assert.That(submit.GetProperty("registered_delivery").GetInt32(), Is.EqualTo(1));
            Assert.That(submit.GetProperty("text").GetString(), Is.EqualTo(notice), "node decodes our GSM 7-bit as the same text");
        });
        Assert.That(node.Next("deliver_sm_resp").GetProperty("status").GetInt32(), Is.Zero, "our ESME answered the receipt");
        await firstReceipt.Task.WaitAsync(TimeSpan.FromSeconds(10));
        lock (receipts)
        {
            Assert.That(receipts.Select(r => (r.MessageId, r.State)), Is.EqualTo(new[] { (result.MessageIds[0], Smpp.Receipts.ReceiptState.Delivered) }));
        }
    }

    private static string Ref(JsonElement segment) => segment.GetProperty("udh")[0].GetString()!.Substring(4, 2);
}
