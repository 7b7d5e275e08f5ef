using Reference.CallerAuthentication;
using Reference.Storage;
using Reference.Traceback;
using Screening;

namespace Reference.Tests.Storage;

/// <summary>
/// The recorder names each call's entry point by its origid: calls from sources that alternate, and a source whose
/// address comes as another string of the same text, each get the origid of their own entry point, however the
/// recorder remembers the last one.
/// </summary>
[NonParallelizable]
public sealed class CallRecorderTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Test]
    public void EachCallGetsTheOrigIdOfItsOwnEntryPoint()
    {
        using var database = DirectoryStores.Sqlite(":memory:").Database;
        var first = "192.0.2.1:5060";
        var second = "192.0.2.2:5060";
        var firstAgain = new string(first.AsSpan());
        (Realm Realm, string Source)[] calls =
        [
            (Realm.International, first), (Realm.International, first), (Realm.International, second), (Realm.International, first),
            (Realm.Access, first), (Realm.International, firstAgain), (Realm.Interconnect, first), (Realm.International, second),
        ];
        using (var writer = new CallRecordWriter(database, linger: TimeSpan.FromMilliseconds(1)))
        {
            var recorder = new CallRecorder(writer, new InMemoryDirectory(), new TracebackOptions());
            for (var i = 0; i < calls.Length; i++)
            {
                var call = new CallAttempt(calls[i].Realm, "13812345678", null, "13900000000", calls[i].Source, $"call-{i}", T0.AddSeconds(i));
                recorder.OnScreened(call, ScreeningDecision.Forward);
            }
        }

        var stored = database.Reading("records", () => database.Read("SELECT origid FROM call_records_text ORDER BY seq", r => r.IsDBNull(0) ? null : r.GetString(0)));
        Assert.That(stored, Is.EqualTo(calls.Select(c => c.Realm == Realm.Interconnect ? null : OriginIds.For(OriginIds.EntryPoint(c.Realm, c.Source, null))).ToList()));
        Assert.That(stored.Distinct().Count(), Is.EqualTo(4), "two sources in two realms, and none for the interconnect");
    }
}
