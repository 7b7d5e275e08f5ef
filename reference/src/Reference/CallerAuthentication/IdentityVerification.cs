using Reference.Signalling;
using Screening;
using Sip;
using Stir;

namespace Reference.CallerAuthentication;

/// <summary>
/// The terminating side of STIR/SHAKEN for calls from domestic carriers (interconnect realm): verifies the Identity
/// header (RFC 8224 §6.2). A peer that must sign is refused on any failure, with the response of RFC 8224 §6.2.2 and
/// a Reason header naming it (RFC 9410); any other call is forwarded with its P-Asserted-Identity marked
/// verstat=TN-Validation-Passed, TN-Validation-Failed or No-TN-Validation.
/// </summary>
public sealed class IdentityVerification(PassportVerifier verifier, SigningPeers peers, TimeProvider time, StirOptions? options = null) : IInviteGate
{
    // The checks switched off (mutants, StirOptions.Checks); none in service.
    private readonly IReadOnlySet<string> _off = options?.Disabled ?? new HashSet<string>();

    public const string RuleId = "identity-verification";

    public InviteRefusal? Check(CallAttempt call, SipRequest invite)
    {
        if (call.Realm != Realm.Interconnect)
        {
            return null;
        }

        var identity = invite.Headers[HeaderNames.Identity];
        var mustSign = peers.MustSign(call.Source);
        if (identity is null && (!mustSign || _off.Contains(StirOptions.IdentityRequiredMutant)))
        {
            Mark(invite, Verstat.NotValidated);
            return null;
        }

        var verdict = verifier.Verify(
            identity,
            TelephoneNumbers.Canonical(call.AssertedNumber ?? call.PresentedNumber),
            TelephoneNumbers.Canonical(call.CalledNumber),
            time.GetUtcNow());
        if (verdict.Passed || Overlooked(verdict.Failure))
        {
            Mark(invite, Verstat.Passed);
            return null;
        }

        if (!mustSign)
        {
            Mark(invite, Verstat.Failed);
            return null;
        }

        var response = SipResponse.For(invite, verdict.StatusCode, verdict.ReasonPhrase);
        response.Headers.Add(HeaderNames.Reason, $"SIP;cause={verdict.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture)};text={SipGrammar.Quote(verdict.Detail)}");
        var reason = "identity-" + verdict.Failure.ToString()!.ToLowerInvariant();
        return new InviteRefusal(response, ScreeningDecision.Intercept(RuleId, reason, verdict.Detail));
    }

    private void Mark(SipRequest invite, string verstat)
    {
        if (!_off.Contains(StirOptions.VerstatMutant))
        {
            Verstat.Mark(invite, verstat);
        }
    }

    // The mutants that take one failure for a pass (StirOptions.Checks); in service nothing is overlooked.
    private bool Overlooked(IdentityFailure? failure) => _off.Count > 0 && failure switch
    {
        IdentityFailure.BadInfo => _off.Contains(StirOptions.X5uMutant),
        IdentityFailure.UnsupportedCredential => _off.Contains(StirOptions.ExpiryMutant),
        IdentityFailure.Stale => _off.Contains(StirOptions.FreshnessMutant),
        _ => false,
    };
}
