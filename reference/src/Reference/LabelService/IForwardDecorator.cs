using Screening;
using Sip;

namespace Reference.LabelService;

/// <summary>
/// Adds to an admitted INVITE just before the node forwards it (label headers). Called on the hot path for every
/// forwarded call: must be fast and must not throw.
/// </summary>
public interface IForwardDecorator
{
    void Decorate(CallAttempt call, SipRequest invite);
}
