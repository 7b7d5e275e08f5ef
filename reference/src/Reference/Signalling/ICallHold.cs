using Screening;
using Sip.Proxy;

namespace Reference.Signalling;

/// <summary>
/// What a screened call's final response, answered here or relayed, must wait for (its record kept): asked once per
/// call, after the call observers have seen it. Null: nothing to wait for.
/// </summary>
public interface ICallHold
{
    ResponseHold? For(CallAttempt call);

    /// <summary>
    /// A call answered that this node never screened (a 2xx relayed without state, its call screened before a restart):
    /// kept as such, and the answer held until it is.
    /// </summary>
    ResponseHold? ForUnscreened(CallAttempt call);
}
