using System.Globalization;
using Conformance.Harness.ShortMessages;
using Smpp.Pdus;

namespace Conformance.Harness.Tests.Interop;

/// <summary>Node's ESME (the npm package smpp) against the suite's SMSC, so the SMSC is not only tested against an ESME of our own making.</summary>
[NonParallelizable]
public class SuiteSmscNodeInteropTests
{
    private static readonly string Interop = NodePeer.InteropDirectory(typeof(SuiteSmscNodeInteropTests).Assembly);

    [Test]
    public async Task The_suite_smsc_accepts_an_independent_esme()
    {
        await using var smsc = new SuiteSmsc(null, "warner", "secret");
        smsc.Start();

        using var node = NodePeer.Start(Interop, "esme.js", smsc.EndPoint.Port.ToString(CultureInfo.InvariantCulture), "warner", "secret");
        var events = node.Collect(TimeSpan.FromSeconds(10), "bind", "flash", "notice", "segment", "segment", "gsm", "receipt", "multi", "enquire_link", "unbind");
        var receipt = events.Single(e => e.GetProperty("event").GetString() == "receipt");
        var answers = events.Where(e => e.GetProperty("event").GetString() != "receipt").ToList();
        Assert.That(node.WaitForExit(TimeSpan.FromSeconds(10)), Is.True, node.Errors);

        Assert.That(answers.Select(a => a.GetProperty("status").GetInt32()), Is.All.Zero, string.Join(" ", answers));
        Assert.That(answers[1].GetProperty("message_id").GetString(), Is.Not.Empty);
        var flash = await smsc.WaitForMessageAsync("13800138001", TimeSpan.FromSeconds(5));
        var notice = await smsc.WaitForMessageAsync("13800138002", TimeSpan.FromSeconds(5));
        var joined = await smsc.WaitForMessageAsync("13800138003", TimeSpan.FromSeconds(5));
        Assert.That(flash!.DataCoding, Is.EqualTo(0x18));
        Assert.That(flash.Text, Is.EqualTo("【安全提示】来电被标记为骚扰电话"));
        Assert.That(notice!.DataCoding, Is.EqualTo(0x08));
        Assert.That(notice.Text, Is.EqualTo("已为您拦截一次冒用号码来电"));
        Assert.That(joined!.Text, Is.EqualTo("第一段第二段"));
        Assert.That(joined.Segments, Is.EqualTo(2));
        Assert.That(smsc.EnquireLinks, Is.EqualTo(1));
        Assert.That(smsc.Rejections, Is.Empty);

        var gsm = await smsc.WaitForMessageAsync("13800138004", TimeSpan.FromSeconds(5));
        Assert.That(gsm!.DataCoding, Is.EqualTo(0x00));
        Assert.That(gsm.Text, Is.EqualTo("Call from +8613800000000 blocked {spoofed} 5€ [ok] @home"), "node's GSM 7-bit, extension table included, reads back the same");
        var gsmId = answers[5].GetProperty("message_id").GetString();
        Assert.Multiple(() =>
        {
            Assert.That(receipt.GetProperty("esm_class").GetInt32() & 0x3C, Is.EqualTo(0x04), "a delivery receipt");
            Assert.That(receipt.GetProperty("receipted_message_id").GetString(), Is.EqualTo(gsmId));
            Assert.That(receipt.GetProperty("message_state").GetInt32(), Is.EqualTo(2), "DELIVERED");
            Assert.That(receipt.GetProperty("text").GetString(), Does.StartWith($"id:{gsmId} ").And.Contain("stat:DELIVRD"));
        });
        Assert.That(smsc.ReceiptsSent.Select(r => r.MessageId), Is.EqualTo(new[] { gsmId }), "receipts only where registered_delivery asked for them");

        var multi = answers.Single(a => a.GetProperty("event").GetString() == "multi");
        var unsuccess = multi.GetProperty("unsuccess_sme").EnumerateArray().ToList();
        Assert.Multiple(async () =>
        {
            Assert.That(multi.GetProperty("command").GetString(), Is.EqualTo("submit_multi_resp"));
            Assert.That(unsuccess.Select(u => (u.GetProperty("destination_addr").GetString(), u.GetProperty("error_status_code").GetInt32())),
                Is.EqualTo(new[] { ("all-callees", (int)CommandStatus.InvalidDistributionListName) }), "node reads our unsuccess_sme");
            Assert.That((await smsc.WaitForMessageAsync("13800138006", TimeSpan.FromSeconds(5)))?.Text, Is.EqualTo("同一提醒发给两位用户"));
            Assert.That((await smsc.WaitForMessageAsync("13800138007", TimeSpan.FromSeconds(5)))?.Text, Is.EqualTo("同一提醒发给两位用户"));
        });
    }
}
