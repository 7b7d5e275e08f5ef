using Microsoft.Extensions.Configuration;
using Reference.Warnings;

namespace Reference.Tests.Warnings;

/// <summary>Configuration section Warnings: the one mutant it knows, and a clear refusal of any other.</summary>
public sealed class WarningOptionsTests
{
    private static IConfiguration Section(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Test]
    public void ReceiptsAreRecordedUnlessTheMutantSwitchesThemOff()
    {
        Assert.Multiple(() =>
        {
            Assert.That(WarningOptions.From(Section()).RecordsReceipts, Is.True);
            Assert.That(WarningOptions.From(Section(("DisabledRules:0", "delivery-receipt"))).RecordsReceipts, Is.False);
        });
    }

    [Test]
    public void AnUnknownDisabledRuleIsRefusedNamingItAndTheOneKnown() =>
        Assert.That(() => WarningOptions.From(Section(("DisabledRules:0", "receipts"))),
            Throws.InvalidOperationException.With.Message.Contains("receipts").And.Message.Contains("delivery-receipt"));
}
