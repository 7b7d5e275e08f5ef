using Conformance.Harness.ShortMessages;
using Smpp.Pdus;

namespace Conformance.Harness.Tests.SmscPeer;

/// <summary>A refusal scripted for one destination is spent on that destination's submission only, whatever comes first.</summary>
public sealed class SuiteSmscScriptForTests
{
    [Test]
    public async Task A_refusal_scripted_for_a_callee_is_not_spent_on_another_callees_submission()
    {
        await using var smsc = new SuiteSmsc();
        smsc.Start();
        await using var esme = new RawEsme();
        await esme.ConnectAsync(smsc.EndPoint);
        await esme.RequestAsync(RawEsme.Bind("any"));
        smsc.ScriptFor("+8613900000002", SmscAnswer.Throttle);

        var other = await esme.RequestAsync(RawEsme.Submit("13900000001", "【提示】另一位", 2));
        var refused = await esme.RequestAsync(RawEsme.Submit("13900000002", "【提示】本人", 3));
        var retried = await esme.RequestAsync(RawEsme.Submit("13900000002", "【提示】本人", 4));

        Assert.That(other!.Status, Is.EqualTo(CommandStatus.Ok), "another callee's submission met the scripted refusal");
        Assert.That(refused!.Status, Is.EqualTo(CommandStatus.Throttled));
        Assert.That(retried!.Status, Is.EqualTo(CommandStatus.Ok), "the script holds one refusal only");
        Assert.That(smsc.Submissions.Where(s => s.Destination == "13900000002").Select(s => s.Answer.Kind), Is.EqualTo(new[] { SmscAnswerKind.Error, SmscAnswerKind.Accept }));
    }
}
