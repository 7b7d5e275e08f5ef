using Reference.Sip;
using Reference.Traceback;
using Screening;
using Sip.Proxy;

namespace Reference.Storage;

/// <summary>
/// Holds every screened call's final response until the call's record is written (<see cref="CallRecordWriter"/>): the
/// ticket is taken after <see cref="CallRecorder"/> queued the record, on the same thread, so it covers it.
/// </summary>
public sealed class CallRecordHold(CallRecordWriter writer, TracebackOptions options) : ICallHold
{
    public ResponseHold? For(CallAttempt call) => options.Records ? new ResponseHold(writer, writer.Recorded) : null;
}
