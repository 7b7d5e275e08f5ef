using Labelling;
using Labelling.Appeals;
using Reference.Storage;
using Screening;

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
}
