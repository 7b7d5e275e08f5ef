using Reference.LabelService;
using Screening;
using Screening.Directory;
using Sip;
using Stir;

namespace Reference.CallerAuthentication;

/// <summary>
/// The originating side of STIR/SHAKEN: an admitted call that enters this network from an access trunk or the
/// international gateway leaves with this node's Identity header (RFC 8224), replacing any the caller sent.
/// Attestation (RFC 8588 §4): A for a trunk presenting a number of its enterprise's ranges, B for a known trunk
/// presenting another number, C for calls from abroad (the gateway knows only where they came in).
/// Calls from domestic carriers are theirs to sign and are left alone.
/// </summary>
public sealed class IdentitySigning(SigningCredential credential, IScreeningDirectory directory, TimeProvider time, StirOptions? options = null) : IForwardDecorator
{
    // The checks switched off (mutants, StirOptions.Checks); none in service.
    private readonly IReadOnlySet<string> _off = options?.Disabled ?? new HashSet<string>();

    public void Decorate(CallAttempt call, SipRequest invite)
    {
        if (call.Realm == Realm.Interconnect || (call.Realm == Realm.International && _off.Contains(StirOptions.GatewayMutant)))
        {
            return;
        }

        var calling = call.AssertedNumber ?? call.PresentedNumber;
        var trunk = call.TrunkIn(directory);
        var attest = call.Realm == Realm.International ? Attestation.C
            : trunk is not null && directory.RangeOf(call.Caller.National) is { } range && range.EnterpriseId == trunk.EnterpriseId ? Attestation.A
            : trunk is not null ? Attestation.B
            : Attestation.C;
        if (_off.Contains(StirOptions.AttestationMutant))
        {
            attest = Attestation.B;
        }

        var origin = _off.Contains(StirOptions.OrigidMutant) ? call.CallId
            : OriginIds.EntryPoint(call.Realm, call.Source, trunk?.Id);
        var passport = new Passport(
            TelephoneNumbers.Canonical(calling),
            [TelephoneNumbers.Canonical(call.CalledNumber)],
            time.GetUtcNow(),
            attest,
            OriginIds.For(origin),
            credential.X5u);
        invite.Headers.RemoveAll(HeaderNames.Identity);
        invite.Headers.Add(HeaderNames.Identity, PassportToken.SignHeader(passport, credential.Key).ToString());
    }
}
