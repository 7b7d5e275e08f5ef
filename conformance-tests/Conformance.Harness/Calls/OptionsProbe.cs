using System.Globalization;
using System.Net;
using Conformance.SpecModel;
using Sip;
using Sip.Transport;

namespace Conformance.Harness.Calls;

/// <summary>
/// Before a run, asks every realm of the system under test what it supports (SIP OPTIONS, RFC 3261 §11) and compares
/// the answer with the PICS. All realms are asked at once and each wait ends at the target's response timeout, so an
/// unreachable realm costs one timeout and yields a note, never a hang.
/// </summary>
public sealed class OptionsProbe(PicsProforma proforma, IReadOnlyDictionary<string, bool> declared, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public async Task<IReadOnlyList<RealmProbe>> ProbeAsync(IReadOnlyDictionary<string, IPEndPoint> realms, IPAddress bindAddress, TimeSpan timeout)
    {
        await using var transport = new UdpSipTransport(new IPEndPoint(bindAddress, 0));

        // Timer E retransmits each OPTIONS, doubling up to T2, until a response comes (§17.1.2.2).
        using var transactions = new UacTransactions(_time, (message, to, _) => transport.SendAsync(message, to));
        transport.Start(inbound =>
        {
            if (inbound.Message is SipResponse response)
            {
                transactions.OnResponse(response);
            }

            return ValueTask.CompletedTask;
        });

        var probes = realms.OrderBy(r => r.Key, StringComparer.Ordinal)
            .Select(realm => ProbeRealmAsync(transport, transactions, realm.Key, realm.Value, timeout));
        return await Task.WhenAll(probes);
    }

    private async Task<RealmProbe> ProbeRealmAsync(UdpSipTransport transport, UacTransactions transactions, string realm, IPEndPoint sut, TimeSpan timeout)
    {
        var transaction = transactions.Start(Options(transport.LocalEndPoint, sut), sut);
        var final = await transactions.FinalResponseAsync(transaction, timeout);
        if (final is null && transactions.TransportError(transaction) is { } error)
        {
            return Unanswered(realm, sut, $"{realm} ({sut}) could not be sent OPTIONS ({error.Message}); its advertised capabilities were not compared with the PICS (inconclusive).");
        }

        if (final is null)
        {
            var ms = timeout.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture);
            return Unanswered(realm, sut, $"{realm} ({sut}) did not answer OPTIONS within {ms} ms (timeouts.responseMs); its advertised capabilities were not compared with the PICS (inconclusive).");
        }

        var allow = Tokens(final, HeaderNames.Allow);
        var supported = Tokens(final, HeaderNames.Supported);
        if (final.StatusCode != 200)
        {
            return new RealmProbe(realm, sut.ToString(), true, final.StatusCode, allow ?? [], supported ?? [], [],
                $"{realm} ({sut}) answered OPTIONS with {final.StatusCode} {final.ReasonPhrase}, not 200; its advertised capabilities were not compared with the PICS (inconclusive).");
        }

        var warnings = AdvertisementCheck.Warnings(proforma, declared, realm, allow, supported);
        return new RealmProbe(realm, sut.ToString(), true, final.StatusCode, allow ?? [], supported ?? [], warnings);
    }

    private static RealmProbe Unanswered(string realm, IPEndPoint sut, string note) =>
        new(realm, sut.ToString(), false, null, [], [], [], note);

    /// <summary>The tokens of every header of the name, or null when the answer has none (RFC 3261 §7.3.1 allows several).</summary>
    private static List<string>? Tokens(SipResponse response, string name)
    {
        var values = response.Headers.All(name).ToList();
        return values.Count == 0
            ? null
            : values.SelectMany(HeaderValueSplitter.SplitCommas).Select(t => t.Trim()).Where(t => t.Length > 0).ToList();
    }

    private static SipRequest Options(IPEndPoint local, IPEndPoint sut)
    {
        // No user part: the request is addressed to the node itself, not to a subscriber behind it (§11.1).
        var target = $"sip:{sut.Address}:{sut.Port.ToString(CultureInfo.InvariantCulture)}";
        var request = new SipRequest { Method = "OPTIONS", RequestUri = target };
        request.Headers.Add(HeaderNames.Via, $"SIP/2.0/UDP {local.Address}:{local.Port.ToString(CultureInfo.InvariantCulture)};branch={Tags.NewBranch()};rport");
        request.Headers.Add(HeaderNames.MaxForwards, "70");
        request.Headers.Add(HeaderNames.From, $"<sip:conformance@{local.Address}>;tag={Tags.New()}");
        request.Headers.Add(HeaderNames.To, $"<{target}>");
        request.Headers.Add(HeaderNames.CallId, Tags.NewCallId() + "@conformance");
        request.Headers.Add(HeaderNames.CSeq, "1 OPTIONS");
        request.Headers.Add("Accept", "application/sdp");
        return request;
    }
}
