using Labelling;
using Labelling.Appeals;
using Reference.Access;
using Reference.Resources;
using Reference.Storage;
using Screening;
using Screening.Directory;

namespace Portal.Tests;

/// <summary>Puts records on the node as its APIs and its SIP side would: labels, verified reports, appeals, call records.</summary>
public static class Seed
{
    public static void Flag(string number, LabelCategory category) => Portal.Node.Get<LabelBook>().Flag(number, category, DateTimeOffset.UtcNow);

    public static void VerifiedReports(string number, LabelCategory category, int reporters)
    {
        var book = Portal.Node.Get<LabelBook>();
        for (var i = 0; i < reporters; i++)
        {
            book.Report(new NumberReport(number, category, $"account:reporter-{i}", "app", "rang at night", DateTimeOffset.UtcNow));
        }
    }

    public static Appeal Appeal(string number, string holder, AppealReason reason, string text) =>
        Portal.Node.Get<AppealDesk>().File(number, holder, reason, text, DateTimeOffset.UtcNow);

    public static void Intercepted(string calling, string called, string rule, DateTimeOffset at) =>
        Assert.That(Portal.Node.Get<CallRecordWriter>().TryRecord(new CallRecord(at, Realm.Access, null, calling, called, null, Guid.NewGuid().ToString("N"), "intercept", rule)), Is.True);

    public static void Forwarded(string calling, string called, DateTimeOffset at) =>
        Assert.That(Portal.Node.Get<CallRecordWriter>().TryRecord(new CallRecord(at, Realm.Interconnect, null, calling, called, null, Guid.NewGuid().ToString("N"), "forward", "none")), Is.True);

    /// <summary>A joint-discipline entry listed by an operator of carrier-north.</summary>
    public static void Listed(string enterprise, string reason) =>
        Portal.Node.Get<ResourceLedger>().List(enterprise, reason, new ApiCaller("seed", [Role.CarrierOperator], "carrier-north"), DateTimeOffset.UtcNow);

    /// <summary>A trunk with a block of its own (137xxxx0000–137xxxx9999), a call at <paramref name="at"/> from inside the block and one from outside it.</summary>
    public static (string Trunk, string Block, CallRecord Inside, CallRecord Outside) TrunkWithCalls(string name, DateTimeOffset at)
    {
        var suffix = name + "-" + Guid.NewGuid().ToString("N")[..8];
        var trunk = "trunk-" + suffix;
        var block = "137" + Random.Shared.Next(1000, 10000).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var directory = Portal.Node.Get<InMemoryDirectory>();
        Assert.That(directory.TryAdd(new Enterprise("ent-" + suffix, "核查企业 " + name, Sector.Other)), Is.True);
        Assert.That(directory.TryAdd(new TrunkRecord(trunk, "ent-" + suffix, Realm.Access, null), []), Is.Null);
        var allocated = Portal.Node.Get<ResourceLedger>().Allocate(AllocationKind.Block, block + "0000", block + "9999", "ent-" + suffix, trunk, needsQualification: false,
            at.AddDays(-30), new ApiCaller("seed", [Role.CarrierOperator], "carrier-north"), DateTimeOffset.UtcNow);
        Assert.That(allocated.Allocation, Is.Not.Null, allocated.Title);
        var caller = "139" + Random.Shared.NextInt64(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var inside = new CallRecord(at, Realm.Access, trunk, block + "0005", "13800000002", null, "inside-" + suffix, "forward", "none");
        var outside = new CallRecord(at, Realm.Access, trunk, caller, "13800000003", "origid-" + suffix, "outside-" + suffix, "forward", "none");
        var writer = Portal.Node.Get<CallRecordWriter>();
        Assert.That(writer.TryRecord(inside) && writer.TryRecord(outside), Is.True);
        return (trunk, block, inside, outside);
    }
}
