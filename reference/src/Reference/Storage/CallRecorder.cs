using Screening;

namespace Reference.Storage;

/// <summary>
/// Hands every screened call to the <see cref="CallRecordWriter"/>: a look-up of the source's trunk and a queued
/// record, nothing that waits. The origid is not known here yet (it is read from a verified Identity header, which
/// screening does not see), so records have none for now.
/// </summary>
public sealed class CallRecorder(CallRecordWriter writer, InMemoryDirectory directory) : ICallObserver
{
    public void OnScreened(CallAttempt call, ScreeningDecision decision) =>
        writer.TryRecord(new CallRecord(
            call.At, call.Realm, directory.TrunkAt(call.Source)?.Id, call.PresentedNumber, call.CalledNumber, null, call.CallId,
            decision.IsIntercepted ? "intercept" : "forward", decision.Reason));

    public void OnAlerting(CallAttempt call, DateTimeOffset at)
    {
    }

    public void OnAnswered(CallAttempt call, DateTimeOffset at)
    {
    }

    public void OnEnded(CallAttempt call, CallEnd end, DateTimeOffset at)
    {
    }
}
