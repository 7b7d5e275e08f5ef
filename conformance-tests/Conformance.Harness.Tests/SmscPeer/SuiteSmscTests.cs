using Microsoft.Extensions.Time.Testing;
using Smpp.Pdus;
using Conformance.Harness.ShortMessages;

namespace Conformance.Harness.Tests.SmscPeer;

public class SuiteSmscTests
{
    [Test]
    public async Task A_bind_with_the_wrong_password_is_refused_and_the_right_one_accepted()
    {
        await using var smsc = new SuiteSmsc(null, "warner", "secret");
        smsc.Start();
        await using var esme = new RawEsme();
        await esme.ConnectAsync(smsc.EndPoint);

        var refused = await esme.RequestAsync(RawEsme.Bind("guess", 1));
        var accepted = await esme.RequestAsync(RawEsme.Bind("secret", 2));
        var again = await esme.RequestAsync(RawEsme.Bind("secret", 3));

        Assert.That(refused, Is.EqualTo(new BindResponse(CommandId.BindTransmitterResp) { Status = CommandStatus.InvalidPassword, SequenceNumber = 1, SystemId = "suite-smsc" }));
        Assert.That(accepted!.Status, Is.EqualTo(CommandStatus.Ok));
        Assert.That(again!.Status, Is.EqualTo(CommandStatus.AlreadyBound));
        Assert.That(smsc.Binds, Is.EqualTo(1));
    }

    [Test]
    public async Task A_submit_before_binding_is_refused_and_not_recorded()
    {
        await using var smsc = new SuiteSmsc();
        smsc.Start();
        await using var esme = new RawEsme();
        await esme.ConnectAsync(smsc.EndPoint);

        var answer = await esme.RequestAsync(RawEsme.Submit("13800138000", "提示", 5));

        Assert.That(answer!.CommandId, Is.EqualTo(CommandId.SubmitSmResp));
        Assert.That(answer.Status, Is.EqualTo(CommandStatus.IncorrectBindStatus));
        Assert.That(smsc.Submissions, Is.Empty);
    }

    [Test]
    public async Task Each_submit_is_recorded_with_its_arrival_time_and_decoded_text()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
        await using var smsc = new SuiteSmsc(time);
        smsc.Start();
        await using var esme = new RawEsme();
        await esme.ConnectAsync(smsc.EndPoint);
        await esme.RequestAsync(RawEsme.Bind("any"));

        var answer = await esme.RequestAsync(RawEsme.Submit("13800138000", "【安全提示】请谨慎接听", 2));
        var message = await smsc.WaitForMessageAsync("13800138000", TimeSpan.FromSeconds(5));

        Assert.That(((ShortMessageResponse)answer!).MessageId, Is.Not.Empty);
        Assert.That(message!.Text, Is.EqualTo("【安全提示】请谨慎接听"));
        Assert.That(message.FirstArrivedAt, Is.EqualTo(time.GetUtcNow()));
        Assert.That(smsc.Submissions.Single().DataCoding, Is.EqualTo(0x08));
    }

    [Test]
    public async Task An_unknown_command_gets_a_generic_nack_and_the_link_stays_up()
    {
        await using var smsc = new SuiteSmsc();
        smsc.Start();
        await using var esme = new RawEsme();
        await esme.ConnectAsync(smsc.EndPoint);

        await esme.SendRawAsync(RawEsme.Raw("00000010" + "00000103" + "00000000" + "00000009"));
        var nack = await esme.ReadAsync();
        var pong = await esme.RequestAsync(new HeaderOnlyPdu(CommandId.EnquireLink) { SequenceNumber = 10 });

        Assert.That(nack, Is.EqualTo(HeaderOnlyPdu.GenericNack(CommandStatus.InvalidCommandId, 9)));
        Assert.That(pong, Is.EqualTo(new HeaderOnlyPdu(CommandId.EnquireLinkResp) { SequenceNumber = 10 }));
        Assert.That(smsc.Rejections.Single().Reason, Is.EqualTo(Smpp.Codec.PduRejectReason.UnknownCommandId));
    }

    [Test]
    public async Task A_command_length_below_the_header_gets_a_generic_nack_and_the_link_is_closed()
    {
        await using var smsc = new SuiteSmsc();
        smsc.Start();
        await using var esme = new RawEsme();
        await esme.ConnectAsync(smsc.EndPoint);

        await esme.SendRawAsync(RawEsme.Raw("00000008" + "00000015" + "00000000" + "00000003"));
        var nack = await esme.ReadAsync();
        var after = await esme.ReadAsync();

        Assert.That(nack!.CommandId, Is.EqualTo(CommandId.GenericNack));
        Assert.That(nack.Status, Is.EqualTo(CommandStatus.InvalidCommandLength));
        Assert.That(after, Is.Null, "the frame boundary is lost, so the SMSC closes the link");
    }

    [Test]
    public async Task Waiting_for_a_message_that_never_comes_ends_at_the_bound()
    {
        await using var smsc = new SuiteSmsc();
        smsc.Start();

        var message = await smsc.WaitForMessageAsync("13800138000", TimeSpan.FromMilliseconds(100));

        Assert.That(message, Is.Null);
    }
}
