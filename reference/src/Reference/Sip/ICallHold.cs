using Screening;
using global::Sip.Proxy;

namespace Reference.Sip;

/// <summary>
/// What a screened call's final response, answered here or relayed, must wait for (its record kept): asked once per
/// call, after the call observers have seen it. Null: nothing to wait for.
/// </summary>
public interface ICallHold
{
    ResponseHold? For(CallAttempt call);
}
