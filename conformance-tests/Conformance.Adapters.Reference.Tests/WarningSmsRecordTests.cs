using Conformance.Harness.ShortMessages;
using Microsoft.Extensions.Logging.Abstractions;
using Reference.Warnings;
using Smpp.Text;

namespace Conformance.Adapters.Reference.Tests;

/// <summary>
/// The node keeps the record of its warning SMS (what GET /v1/warnings/sms lists) for the newest ones only: under
/// load every intercepted call sends one, and records of them all would grow without end. An SMSC on loopback
/// accepts the messages and sends their delivery receipts.
/// </summary>
public sealed class WarningSmsRecordTests
{
    [Test]
    public async Task OnlyTheNewestRecordsAreKeptAndTheyStillHearTheirReceipts()
    {
        await using var smsc = new SuiteSmsc();
        smsc.Start();
        var sender = new SmsSender(new WarningOptions { Smsc = smsc.EndPoint, DeliveriesKept = 3 }, NullLogger<SmsSender>.Instance);
        await sender.StartAsync(CancellationToken.None);
        try
        {
            string[] destinations = ["13800138001", "13800138002", "13800138003", "13800138004", "13800138005"];
            foreach (var destination in destinations)
            {
                const string Text = "【参考网络】已为您拦截一次境外冒用号码来电。";
                sender.Send(destination, Text, ShortMessageText.PlainCoding(Text));
            }

            // Every message reaches the SMSC; the kept records end delivered once their receipts come back.
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (DateTime.UtcNow < deadline &&
                   (smsc.Messages.Count < destinations.Length || sender.Deliveries.Any(d => d.State != SmsDeliveryState.Delivered)))
            {
                await Task.Delay(20);
            }

            Assert.Multiple(() =>
            {
                Assert.That(smsc.Messages.Select(m => m.Destination), Is.EquivalentTo(destinations), "every warning is still sent");
                Assert.That(sender.Deliveries.Select(d => d.Destination), Is.EqualTo(destinations[2..]), "the newest three are kept");
                Assert.That(sender.Deliveries.Select(d => d.State), Is.All.EqualTo(SmsDeliveryState.Delivered));
            });
        }
        finally
        {
            await sender.StopAsync(CancellationToken.None);
            await sender.DisposeAsync();
        }
    }
}
