using System.Text.Json;
using Conformance.Harness.Adapters;
using Conformance.Harness.Management;
using Conformance.Harness.Calls;
using Conformance.Harness.Stir;
using Conformance.Specs.Support;
using Sip;
using NUnit.Framework;

namespace Conformance.Specs.Drivers;

/// <summary>
/// STIR/SHAKEN: places calls carrying the suite's Identity headers (good and bad), provisions signing peers, and
/// verifies the Identity headers the SUT puts on the calls it forwards, on the SUT's clock.
/// </summary>
public sealed class StirDriver(SuiteRun run, ScenarioState state)
{
    private SuiteStirCredentials Credentials => SuiteStirCredentials.For(run.Target);

    private OriginatingUa? _signingCarrier;

    /// <summary>Calls whose forwarded PASSporTs a scenario compares (origid), in the order they were placed.</summary>
    public List<CallResult> Placed { get; } = [];

    public async Task ProvisionSigningCarrierAsync()
    {
        var ua = run.OpenTrunkPeer();
        var body = JsonSerializer.Serialize(new { address = ua.LocalEndPoint.ToString() });
        var (status, _, answer) = await run.RequireManagement().TryAsync(HttpMethod.Post, "/v1/stir/signing-peers", body, state.Evidence);
        if (status is not (200 or 201))
        {
            throw new ManagementException($"POST /v1/stir/signing-peers was answered {status}: {answer}");
        }

        _signingCarrier = ua;
    }

    /// <summary>Calls the callee from the interconnect realm, from the signing carrier or the suite's shared UA, with the Identity header <paramref name="identity"/> describes.</summary>
    public async Task<CallResult> CallFromCarrierAsync(bool signingCarrier, string identity)
    {
        var ua = signingCarrier ? _signingCarrier ?? throw new InvalidOperationException("No signing carrier was provisioned; add 'Given a domestic carrier provisioned to sign every call'.") : run.Caller;
        var caller = state.Caller.Length > 0 ? state.Caller : state.Caller = state.Numbers.DomesticMobile();
        var sut = run.RequireEndpoints().Realm(Realms.Interconnect);
        var invite = ua.CreateInvite(new CallSpec(caller, state.Callee), sut);
        if (await IdentityAsync(identity, caller, state.Callee) is { } header)
        {
            invite.Headers.Add(HeaderNames.Identity, header);
        }

        return await PlaceAsync(ua, invite, sut, Realms.Interconnect);
    }

    /// <summary>A call from the scenario's trunk, optionally carrying an Identity header the trunk made itself.</summary>
    public async Task<CallResult> CallFromTrunkAsync(ProvisionedTrunk trunk, string from, string callee, bool withOwnIdentity = false)
    {
        var sut = run.RequireEndpoints().Realm(Realms.Access);
        var invite = trunk.Ua.CreateInvite(new CallSpec(from, callee), sut);
        if (withOwnIdentity)
        {
            invite.Headers.Add(HeaderNames.Identity, Sign(Passport(from, callee, await SutNowAsync(), Credentials.Unknown), Credentials.Unknown));
        }

        var result = await PlaceAsync(trunk.Ua, invite, sut, Realms.Access);
        Placed.Add(result);
        return result;
    }

    /// <summary>The Identity header of the forwarded INVITE verifies with the SUT's certificate, on the SUT's clock; returns its claims.</summary>
    public async Task<PassportClaims> ExpectVerifiedIdentityAsync(CallResult call)
    {
        var forwarded = Forwarded(call);
        state.Evidence.Record("callee received", forwarded.ToString());
        var identity = forwarded.Headers[HeaderNames.Identity];
        Assert.That(identity, Is.Not.Null, $"the forwarded INVITE {call.Invite.CallId} carries no Identity header");
        var verdict = new PassportCheck(Credentials.SutCertificates).Check(identity, CallingTn(forwarded), CalledTn(call), await SutNowAsync(), Freshness);
        Assert.That(verdict.Passed, Is.True, $"the forwarded Identity header does not verify ({verdict.Problem}): {identity}");
        Assert.That(identity, Does.Match(@";\s*info=<[^>]+>").And.Match(@";\s*alg=ES256").And.Match(@";\s*ppt=""?shaken""?"), "the Identity header lacks info, alg=ES256 or ppt=shaken (RFC 8588 §6)");
        return verdict.Claims!;
    }

    public void ExpectVerstat(CallResult call, string verstat)
    {
        var forwarded = Forwarded(call);
        var pai = forwarded.Headers[HeaderNames.PAssertedIdentity];
        state.Evidence.Record("callee received", forwarded.ToString());
        Assert.That(pai, Is.Not.Null, "the forwarded INVITE has no P-Asserted-Identity to carry verstat");
        var found = System.Text.RegularExpressions.Regex.Match(pai!, @"[;?]verstat=([A-Za-z-]+)");
        Assert.That(found.Success ? found.Groups[1].Value : "(none)", Is.EqualTo(verstat), $"P-Asserted-Identity: {pai}");
    }

    public SipRequest Forwarded(CallResult call)
    {
        var invite = run.Callee.InvitesFor(Callee(call)).FirstOrDefault(r => r.CallId == call.Invite.CallId);
        Assert.That(invite, Is.Not.Null, $"the INVITE {call.Invite.CallId} never reached the callee");
        return invite!;
    }

    public TimeSpan Freshness => TimeSpan.FromSeconds(run.Target.Parameters.StirFreshnessSeconds);

    /// <summary>The SUT's clock (its test clock when it has one), which its verifier and signer go by; real time when it has none.</summary>
    public async Task<DateTimeOffset> SutNowAsync()
    {
        if (run.RequireEndpoints().Management is null)
        {
            return DateTimeOffset.UtcNow;
        }

        try
        {
            return await run.RequireManagement().ClockAsync(state.Evidence);
        }
        catch (ManagementException)
        {
            state.Evidence.Record("no test clock", "the SUT answered no test clock; PASSporTs are dated and judged on real time");
            return DateTimeOffset.UtcNow;
        }
    }

    /// <summary>E.164 digits without "+", as PASSporTs carry numbers: national numbers get country code 86.</summary>
    public static string Tn(string number)
    {
        var digits = new string(number.Where(char.IsAsciiDigit).ToArray());
        if (number.StartsWith('+'))
        {
            return digits;
        }

        if (digits.StartsWith("00", StringComparison.Ordinal))
        {
            return digits[2..];
        }

        if (digits.StartsWith("86", StringComparison.Ordinal) && digits.Length == 13)
        {
            return digits;
        }

        return digits.StartsWith('0') ? "86" + digits[1..] : "86" + digits;
    }

    private async Task<string?> IdentityAsync(string identity, string caller, string callee)
    {
        var now = await SutNowAsync();
        var freshness = Freshness;
        var stale = System.Text.RegularExpressions.Regex.Match(identity, @"^issued (\d+) seconds (more|less) than the freshness ago$");
        return identity switch
        {
            "none" => null,
            "signed by the suite's carrier" => Sign(Passport(caller, callee, now, Credentials.Suite), Credentials.Suite),
            "signed by a key other than its certificate's" => Sign(Passport(caller, callee, now, Credentials.Suite), Credentials.Unknown),
            "whose x5u the SUT does not hold" => Sign(Passport(caller, callee, now, Credentials.Unknown), Credentials.Unknown),
            "signed under an expired certificate" => Sign(Passport(caller, callee, now, Credentials.Expired), Credentials.Expired),
            "made for another callee" => Sign(Passport(caller, state.Numbers.DomesticMobile(), now, Credentials.Suite), Credentials.Suite),
            _ when stale.Success => Sign(
                Passport(caller, callee, now - freshness + (stale.Groups[2].Value == "more" ? -1 : 1) * TimeSpan.FromSeconds(int.Parse(stale.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)), Credentials.Suite),
                Credentials.Suite),
            _ => throw new ArgumentException($"unknown kind of Identity header: {identity}", nameof(identity)),
        };
    }

    private static PassportClaims Passport(string caller, string callee, DateTimeOffset iat, StirCredential named) =>
        new(Tn(caller), [Tn(callee)], iat.ToUnixTimeSeconds(), "A", "3f1c2b9e-7d4a-4c1e-9b8f-5a6d7e8f9a0b", named.X5u);

    private static string Sign(PassportClaims passport, StirCredential signer) => PassportSigner.SignHeader(passport, signer.Key);

    private async Task<CallResult> PlaceAsync(OriginatingUa ua, SipRequest invite, System.Net.IPEndPoint sut, string realm)
    {
        state.CalleeMarks[invite.CallId!] = run.Callee.Mark();
        var result = await ua.CallAsync(invite, sut, state.Evidence, run.Target.ResponseTimeout);
        if (result.Responses.Count == 0)
        {
            throw new SutUnavailableException($"no response from the {realm} realm at {sut} within {run.Target.ResponseTimeout.TotalMilliseconds} ms");
        }

        state.LastCall = result;
        return result;
    }

    private static string Callee(CallResult call) =>
        SipUri.TryParse(call.Invite.RequestUri, out var uri) ? uri.Number ?? string.Empty : string.Empty;

    private static string CalledTn(CallResult call) => Tn(Callee(call));

    private static string CallingTn(SipRequest forwarded)
    {
        var number = NameAddress.TryParse(forwarded.Headers[HeaderNames.PAssertedIdentity], out var pai) ? pai.Uri.Number : forwarded.From?.Uri.Number;
        var user = number ?? string.Empty;
        var semicolon = user.IndexOf(';', StringComparison.Ordinal);
        return Tn(semicolon >= 0 ? user[..semicolon] : user);
    }
}
