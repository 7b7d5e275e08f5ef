using System.Globalization;
using System.Net;
using Conformance.Harness.Adapters;
using Conformance.Harness.Calls;
using Conformance.Specs.Support;
using Sip;
using NUnit.Framework;

namespace Conformance.Specs.Drivers;

/// <summary>
/// Calls that carry headers only the network may write (a label Call-Info, a P-Asserted-Identity), and what of them
/// reached the callee (INT-EDGE-001, -002). The label is written exactly as LAB-SIG-001 has the network write it, so
/// a system cannot tell it from its own by form.
/// </summary>
public sealed class EdgeHygieneDriver(SuiteRun run, ScenarioState state, ProvisioningDriver provisioning)
{
    private string? _labelUri;
    private string? _displayName;
    private string? _assertedNumber;

    /// <summary>Calls from abroad, adding the caller's own label and/or asserted identity to the INVITE.</summary>
    public Task CallFromAbroadAsync(string from, string? label = null, string? displayName = null, string? asserted = null) =>
        PlaceAsync(run.Caller, run.RequireEndpoints().Realm(Realms.International), new CallSpec(from, state.Callee), label, displayName, asserted ?? from);

    /// <summary>Calls from the scenario's trunk presenting a number of its own range; the asserted identity is another of its numbers.</summary>
    public Task CallFromTrunkAsync(string? label = null, string? displayName = null)
    {
        var trunk = provisioning.RequireTrunk();
        return PlaceAsync(trunk.Ua, run.RequireEndpoints().Realm(Realms.Access), new CallSpec(provisioning.OwnNumber(), state.Callee), label, displayName, provisioning.OwnNumber());
    }

    public void ExpectNoOwnLabel()
    {
        var entries = Forwarded().Headers.All(HeaderNames.CallInfo).SelectMany(HeaderValueSplitter.SplitCommas).Select(e => e.Trim()).ToList();
        Assert.That(_labelUri, Is.Not.Null, "the scenario's call carried no label of its own");
        Assert.That(entries.Where(e => e.Contains(_labelUri!, StringComparison.OrdinalIgnoreCase)), Is.Empty,
            $"the callee received the caller's own label; Call-Info: {string.Join(" | ", entries)}");
    }

    public void ExpectNoOwnDisplayName()
    {
        var identities = Forwarded().Headers.All(HeaderNames.PAssertedIdentity).ToList();
        Assert.That(_displayName, Is.Not.Null, "the scenario's call asserted no identity of its own");
        Assert.That(identities.Where(v => v.Contains(_displayName!, StringComparison.Ordinal)), Is.Empty,
            $"the callee received the caller's own display name; P-Asserted-Identity: {string.Join(" | ", identities)}");
    }

    /// <summary>No P-Asserted-Identity names the number the caller asserted (a number only it vouched for).</summary>
    public void ExpectNoOwnAssertedNumber()
    {
        var numbers = Forwarded().Headers.All(HeaderNames.PAssertedIdentity).SelectMany(HeaderValueSplitter.SplitCommas)
            .Select(v => NameAddress.TryParse(v, out var address) ? address.Uri.Number : null).ToList();
        Assert.That(numbers, Does.Not.Contain(_assertedNumber), "the callee received the identity the caller asserted for itself");
    }

    private async Task PlaceAsync(OriginatingUa ua, IPEndPoint sut, CallSpec call, string? label, string? displayName, string asserted)
    {
        var invite = ua.CreateInvite(call, sut);
        if (label is not null)
        {
            _labelUri = $"urn:label:{label}";
            invite.Headers.Add(HeaderNames.CallInfo, string.Create(CultureInfo.InvariantCulture, $"<{_labelUri}>;purpose=label;category={label};source=carrier-analytics;count=99"));
        }

        if (displayName is not null)
        {
            _displayName = displayName;
            _assertedNumber = asserted;
            var local = ua.LocalEndPoint;
            invite.Headers.Add(HeaderNames.PAssertedIdentity, $"{SipGrammar.Quote(displayName)} <sip:{asserted}@{local.Address};user=phone>");
        }

        var result = await ua.CallAsync(invite, sut, state.Evidence, run.Target.ResponseTimeout);
        if (result.Responses.Count == 0)
        {
            throw new SutUnavailableException($"no response from {sut} within {run.Target.ResponseTimeout.TotalMilliseconds} ms");
        }

        state.LastCall = result;
    }

    private SipRequest Forwarded()
    {
        var call = state.LastCall ?? throw new InvalidOperationException("No call was placed in this scenario.");
        var forwarded = run.Callee.InvitesFor(state.Callee).FirstOrDefault(r => r.CallId == call.Invite.CallId);
        Assert.That(forwarded, Is.Not.Null, $"the INVITE {call.Invite.CallId} never reached the callee");
        state.Evidence.Record("callee received", forwarded!.ToString());
        return forwarded;
    }
}
