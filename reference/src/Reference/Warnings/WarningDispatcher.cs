using Labelling;
using Screening;
using global::Smpp.Text;

namespace Reference.Warnings;

/// <summary>
/// Warns callees, hanging off the call events: when a call from a labelled number (not a benign category) starts
/// alerting, a flash SMS (data coding 0x18) and a push; when a call to them is intercepted, an SMS notice (0x08, or
/// the GSM 7-bit 0x00 when the notice is all in that alphabet) and a push. Sending is queued, so the observer returns at once as observers must.
/// </summary>
public sealed class WarningDispatcher(WarningOptions options, LabelBook book, SmsSender sms, PushSender push, ILogger<WarningDispatcher> logger) : ICallObserver
{
    public void OnScreened(CallAttempt call, ScreeningDecision decision)
    {
        // With neither channel configured nothing would be sent: the notice is not even written (per intercepted call,
        // that was a string and its coding check on the SIP thread for nothing).
        if (!decision.IsIntercepted || (!sms.Enabled && !push.Enabled) || call.Called.National is not { Length: > 0 } callee)
        {
            return;
        }

        var text = Text(WarningTexts.InterceptionNotice(options.Sender, call));
        if (!options.Disabled.Contains(WarningOptions.NoticeMutant))
        {
            sms.Send(callee, text, ShortMessageText.PlainCoding(text));
        }

        Push(new PushWarning("interception", callee, call.Caller.National, null, null, null, null, call.At, call.CallId, text));
    }

    public void OnAlerting(CallAttempt call, DateTimeOffset at)
    {
        if (options.Disabled.Contains(WarningOptions.LateFlashMutant) && call.Called.National is { Length: > 0 } anyCallee)
        {
            var late = WarningTexts.Flash(options.Sender, book.Lookup(call.Caller.National, at) ?? new Label(call.Caller.National, LabelCategory.Harassment, 0, LabelSource.CarrierAnalytics, at, null));
            _ = Task.Delay(TimeSpan.FromSeconds(1)).ContinueWith(_ => sms.Send(anyCallee, late, DataCodings.FlashUcs2), TaskScheduler.Default);
            return;
        }

        if (book.Lookup(call.Caller.National, at) is not { } label || label.Category.IsBenign() || call.Called.National is not { Length: > 0 } callee)
        {
            return;
        }

        var text = Text(WarningTexts.Flash(options.Sender, label));
        if (!options.Disabled.Contains(WarningOptions.FlashMutant))
        {
            sms.Send(callee, text, DataCodings.FlashUcs2);
        }

        Push(new PushWarning("flash", callee, label.Number, label.Category.Code(), label.Category.ChineseName(), label.Source.Code(), label.Count, at, call.CallId, text));
    }

    public void OnAnswered(CallAttempt call, DateTimeOffset at)
    {
    }

    public void OnEnded(CallAttempt call, CallEnd end, DateTimeOffset at)
    {
    }

    // The text mutant: every warning asks the callee to act, as no warning may.
    private string Text(string text) =>
        options.Disabled.Contains(WarningOptions.TextMutant) ? text + "详询 http://warn.reference.example 或回拨95588。" : text;

    private void Push(PushWarning warning)
    {
        if (!push.Enabled || options.Disabled.Contains(WarningOptions.PushMutant))
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                await push.SendAsync(warning);
            }
            // Boundary: a detached push task has nobody to throw to; a failure is logged, never left unobserved.
#pragma warning disable CA1031
            catch (Exception ex)
#pragma warning restore CA1031
            {
                logger.LogError(ex, "Push for call {CallId} failed unexpectedly", warning.CallId);
            }
        });
    }
}
