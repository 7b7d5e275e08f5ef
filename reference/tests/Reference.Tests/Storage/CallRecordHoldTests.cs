using Reference.Storage;
using Reference.Traceback;
using Screening;

namespace Reference.Tests.Storage;

/// <summary>
/// What a call's answer waits for: its own record, queued before the ticket is taken; and for an answer the node relays
/// for a call it never screened (screened before a restart), a record made of the answer, the wait covering it.
/// </summary>
public sealed class CallRecordHoldTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 6, 9, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task AnUnscreenedAnswerIsRecordedAndWaitsForItsRecord()
    {
        using var database = DirectoryStores.Sqlite(":memory:").Database;
        using var writer = new CallRecordWriter(database, linger: TimeSpan.FromMilliseconds(200));
        var hold = new CallRecordHold(writer, new TracebackOptions());
        var released = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);

        var held = hold.ForUnscreened(new CallAttempt(Realm.International, "+8613912345678", null, "13812345678", string.Empty, "call-1@peer", At));
        var passed = held!.Value.PassOrWait(new Waiter(() => released.SetResult(writer.Written)));
        var written = await released.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var reasons = database.Reading("call records", () => database.Read("SELECT call_id, reason FROM call_records_text", r => (r.GetString(0), r.GetString(1))));

        Assert.Multiple(() =>
        {
            Assert.That(passed, Is.False, "the record is still queued");
            Assert.That(written, Is.EqualTo(1));
            Assert.That(reasons, Is.EqualTo(new[] { ("call-1@peer", CallRecordHold.Unscreened) }));
        });
    }

    [Test]
    public void WithTheRecordMutantNothingIsHeld()
    {
        using var database = DirectoryStores.Sqlite(":memory:").Database;
        using var writer = new CallRecordWriter(database);
        var hold = new CallRecordHold(writer, new TracebackOptions { DisabledRules = new HashSet<string> { TracebackOptions.RecordMutant } });
        var call = new CallAttempt(Realm.Access, "13912345678", null, "13812345678", "127.0.0.1:5060", "call-2", At);

        Assert.Multiple(() =>
        {
            Assert.That(hold.For(call), Is.Null);
            Assert.That(hold.ForUnscreened(call), Is.Null);
        });
    }

    [Test]
    public void WithAJournalNothingIsHeldAndTheUnscreenedAnswerIsStillRecorded()
    {
        var directory = Directory.CreateTempSubdirectory("reference-hold-").FullName;
        try
        {
            using var database = DirectoryStores.Sqlite(":memory:").Database;
            using (var writer = new CallRecordWriter(database, journal: Path.Combine(directory, "calls"), journalBytes: 1 << 20))
            {
                var hold = new CallRecordHold(writer, new TracebackOptions());
                var call = new CallAttempt(Realm.International, "+8613912345678", null, "13812345678", string.Empty, "call-3@peer", At);

                Assert.Multiple(() =>
                {
                    Assert.That(writer.KeepsAtOnce, Is.True);
                    Assert.That(hold.For(call), Is.Null, "a journalled record is kept as it is queued: the answer has nothing to wait for");
                    Assert.That(hold.ForUnscreened(call), Is.Null);
                    Assert.That(writer.Recorded, Is.EqualTo(1), "the unscreened answer's record was queued all the same");
                });
            }

            var reasons = database.Reading("call records", () => database.Read("SELECT call_id, reason FROM call_records_text", r => (r.GetString(0), r.GetString(1))));
            Assert.That(reasons, Is.EqualTo(new[] { ("call-3@peer", CallRecordHold.Unscreened) }), "stored when the writer stopped");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private sealed class Waiter(Action released) : Sip.Proxy.IBarrierWaiter
    {
        public void Release() => released();
    }
}
