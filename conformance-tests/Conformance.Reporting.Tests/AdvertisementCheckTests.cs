using Conformance.SpecModel;

namespace Conformance.Reporting.Tests;

/// <summary>What a realm advertises in its answer to OPTIONS against the PICS: every disagreement is named, agreement is silent.</summary>
public sealed class AdvertisementCheckTests
{
    private static PicsProforma Proforma()
    {
        var path = Path.Combine(SampleBundle.NewDirectory(), "pics.yaml");
        File.WriteAllText(path, """
            capabilities:
              - code: SIG
                title: Interceptions signalled with a final response
                requires: []
              - code: ONE
                title: One-ring detection
                requires: []
              - code: REL
                title: Reliable provisional responses
                requires: []
            advertised:
              SIG: { methods: [INVITE, ACK], extensions: [] }
              ONE: { methods: [INVITE, CANCEL], extensions: [] }
              REL: { methods: [PRACK], extensions: [100rel] }
            """);
        return PicsProforma.Load(path);
    }

    private static readonly Dictionary<string, bool> AllPresent = new() { ["SIG"] = true, ["ONE"] = true, ["REL"] = true };

    [Test]
    public void AnAnswerThatAdvertisesWhatThePicsImpliesGivesNoWarning() =>
        Assert.That(AdvertisementCheck.Warnings(Proforma(), AllPresent, "access", ["INVITE", "ACK", "CANCEL", "PRACK", "OPTIONS"], ["100rel"]), Is.Empty);

    [Test]
    public void ADeclaredCapabilityWhoseMethodIsNotAllowedIsNamed() =>
        Assert.That(AdvertisementCheck.Warnings(Proforma(), AllPresent, "access", ["invite", "ack", "prack"], ["100rel"]),
            Has.One.Contains("access").And.Contains("declares ONE").And.Contains("CANCEL"));

    [Test]
    public void ADeclaredCapabilityWhoseOptionTagIsNotSupportedIsNamed() =>
        Assert.That(AdvertisementCheck.Warnings(Proforma(), AllPresent, "international", ["INVITE", "ACK", "CANCEL", "PRACK"], ["timer"]),
            Has.One.Contains("declares REL").And.Contains("Supported does not list 100rel"));

    [Test]
    public void AMissingSupportedHeaderIsNamedWhenAnOptionTagIsImplied() =>
        Assert.That(AdvertisementCheck.Warnings(Proforma(), AllPresent, "access", ["INVITE", "ACK", "CANCEL", "PRACK"], null),
            Has.One.Contains("no Supported header"));

    [Test]
    public void AMissingAllowHeaderIsNamed() =>
        Assert.That(AdvertisementCheck.Warnings(Proforma(), AllPresent, "access", null, ["100rel"]),
            Has.One.Contains("no Allow header"));

    [Test]
    public void WhatOnlyAnAbsentCapabilityImpliesButIsAdvertisedIsNamed()
    {
        var declared = new Dictionary<string, bool> { ["SIG"] = true, ["ONE"] = true, ["REL"] = false };

        var warnings = AdvertisementCheck.Warnings(Proforma(), declared, "access", ["INVITE", "ACK", "CANCEL", "PRACK"], ["100rel"]);

        Assert.That(warnings, Has.Count.EqualTo(2));
        Assert.That(warnings, Has.Some.Contains("Allow lists PRACK").And.Contains("REL absent"));
        Assert.That(warnings, Has.Some.Contains("Supported lists 100rel").And.Contains("REL absent"));
    }

    [Test]
    public void AMethodAnotherDeclaredCapabilityAlsoImpliesIsNotAMismatch()
    {
        var declared = new Dictionary<string, bool> { ["SIG"] = true, ["ONE"] = false, ["REL"] = false };

        Assert.That(AdvertisementCheck.Warnings(Proforma(), declared, "access", ["INVITE", "ACK"], []), Is.Empty);
    }

    [Test]
    public void TheShippedProformaMapsOnlyItsOwnCodesAndTheReferenceAnswerAgreesWithIt()
    {
        var proforma = PicsProforma.Load(Path.Combine(SampleBundle.Spec, "pics.yaml"));
        var codes = proforma.Capabilities.Select(c => c.Code).ToList();

        Assert.That(proforma.Advertised.Keys, Is.Not.Empty.And.SubsetOf(codes));
        Assert.That(AdvertisementCheck.Warnings(proforma, new Dictionary<string, bool>(), "access", ["INVITE", "ACK", "CANCEL", "BYE", "OPTIONS"], null), Is.Empty);
    }

    [Test]
    public void AnAdvertisedCodeOutsideTheCapabilityListIsRefused()
    {
        var path = Path.Combine(SampleBundle.NewDirectory(), "pics.yaml");
        File.WriteAllText(path, """
            capabilities:
              - code: SIG
                title: Interceptions
                requires: []
            advertised:
              NOPE: { methods: [INVITE] }
            """);

        Assert.That(() => PicsProforma.Load(path), Throws.TypeOf<FormatException>().With.Message.Contains("NOPE"));
    }
}
