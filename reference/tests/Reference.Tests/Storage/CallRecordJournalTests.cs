using Reference.Storage;
using Screening;

namespace Reference.Tests.Storage;

/// <summary>
/// The call-record journal as a ring: records read back in order from the store's position, across the return to the
/// file's start; a record never written over one the store lacks (refused instead); a record cut short ignored.
/// </summary>
public sealed class CallRecordJournalTests
{
    private const long Capacity = 4096;
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private string _directory = null!;

    private string File => Path.Combine(_directory, "calls");

    [SetUp]
    public void MakeDirectory() => _directory = Directory.CreateTempSubdirectory("reference-journal-").FullName;

    [TearDown]
    public void RemoveDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    public void RecordsAreReadBackFromTheStoresPositionAcrossTheReturnToTheStart()
    {
        using var journal = new CallRecordJournal(File, Capacity);
        var number = 0;
        while (journal.TryAppend(Record(number + 1), number + 1))
        {
            number++;
        }

        // The store took the first half: their room takes the records that no longer fit at the end.
        var half = number / 2;
        var stored = PositionAfter(half);
        journal.Stored(stored);
        var wrapped = 0;
        while (journal.TryAppend(Record(number + 1), number + 1))
        {
            number++;
            wrapped++;
        }

        var (records, _) = CallRecordJournal.Read(File, stored.End, half);
        Assert.Multiple(() =>
        {
            Assert.That(wrapped, Is.GreaterThan(0), "records went back to the start, over those the store has");
            Assert.That(wrapped, Is.LessThanOrEqualTo(half + 1), "and no further than the store got");
            Assert.That(records.Select(r => r.CallId), Is.EqualTo(Enumerable.Range(half + 1, number - half).Select(i => Record(i).CallId)),
                "every record the store lacks, in order, the last round's included");
        });
    }

    [Test]
    public void ARecordIsNeverWrittenOverOneTheStoreLacks()
    {
        using var journal = new CallRecordJournal(File, Capacity);
        var number = 0;
        while (journal.TryAppend(Record(number + 1), number + 1))
        {
            number++;
        }

        Assert.Multiple(() =>
        {
            Assert.That(number, Is.GreaterThan(1));
            Assert.That(journal.TryAppend(Record(number + 1), number + 1), Is.False, "nothing stored: no room anywhere");
            Assert.That(CallRecordJournal.Read(File, 0, 0).Records, Has.Count.EqualTo(number), "the refused record wrote over nothing");
        });
    }

    [Test]
    public void ARecordCutShortAndTheRecordsOfAnOlderRoundAreNotRead()
    {
        using (var journal = new CallRecordJournal(File, Capacity))
        {
            for (var i = 1; i <= 3; i++)
            {
                Assert.That(journal.TryAppend(Record(i), i), Is.True);
            }
        }

        // A head with the wrong number after the third record: what a node killed before the fourth head's store leaves.
        using (var stream = new FileStream(File, FileMode.Open, FileAccess.ReadWrite))
        {
            var (_, end) = CallRecordJournal.Read(File, 0, 0);
            stream.Position = end;
            stream.Write(BitConverter.GetBytes(20L | (2L << 32)));
        }

        var (records, _) = CallRecordJournal.Read(File, 0, 0);
        Assert.That(records.Select(r => r.CallId), Is.EqualTo(new[] { Record(1).CallId, Record(2).CallId, Record(3).CallId }));
    }

    [Test]
    public void RecordsAJournalHeldInTheFormBeforeTheCompactOneAreStillRead()
    {
        // What a node of the earlier form left: each record's fields through a BinaryWriter, its head the plain length.
        using (var journal = new CallRecordJournal(File, Capacity))
        {
        }

        using (var stream = new FileStream(File, FileMode.Open, FileAccess.ReadWrite))
        {
            for (var i = 1; i <= 2; i++)
            {
                var payload = EarlierForm(Record(i));
                stream.Write(BitConverter.GetBytes((long)payload.Length | ((long)i << 32)));
                stream.Write(payload);
            }
        }

        using (var journal = new CallRecordJournal(File + "-now", Capacity))
        {
            Assert.That(journal.TryAppend(Record(3), 1), Is.True);
        }

        Assert.Multiple(() =>
        {
            Assert.That(CallRecordJournal.Read(File, 0, 0).Records, Is.EqualTo(new[] { Record(1), Record(2) }));
            Assert.That(CallRecordJournal.Read(File + "-now", 0, 0).Records, Is.EqualTo(new[] { Record(3) }));
        });
    }

    [Test]
    public void EveryFieldComesBackAsItWentIn()
    {
        CallRecord[] records =
        [
            new(T0, Realm.International, null, string.Empty, "13900000001", "8d3b5a8e-0c41-5f0c-9c41-0e6f2b8d7a11", "a@b", "intercept", "abroad-spoofed"),
            new(T0.AddTicks(10), Realm.Access, "trunk-é", "+8613800000001", "13900000001", null, new string('x', 2000), "forward", "拒绝"),
        ];
        using (var journal = new CallRecordJournal(File, 1 << 20))
        {
            for (var i = 0; i < records.Length; i++)
            {
                Assert.That(journal.TryAppend(records[i], i + 1), Is.True);
            }
        }

        Assert.That(CallRecordJournal.Read(File, 0, 0).Records, Is.EqualTo(records));
    }

    [Test]
    public void ATrunkOrigidDecisionAndReasonTheJournalKeepsTakeTwoBytesEachInARecord()
    {
        var origid = "8d3b5a8e-0c41-5f0c-9c41-0e6f2b8d7a11";
        CallRecord Call(int i) => new(T0.AddTicks(i * 10L), Realm.International, "trunk-1", "13812345678", "13900000000", origid, $"{i}-4242@127.0.0.1", "intercept", "abroad-spoofed");
        using (var journal = new CallRecordJournal(File, 1 << 20))
        {
            Assert.That(journal.TryAppend(Call(1), 1), Is.True);
            var first = journal.Position.End;
            Assert.That(journal.TryAppend(Call(2), 2), Is.True);

            // Head 8, time 8, realm 1, seven 2-byte fields, the numbers and the Call-ID: nothing of the four coded texts.
            Assert.That(journal.Position.End - first, Is.EqualTo(8 + 9 + 14 + 11 + 11 + "2-4242@127.0.0.1".Length));
        }

        Assert.That(CallRecordJournal.Read(File, 0, 0).Records, Is.EqualTo(new[] { Call(1), Call(2) }), "read back from the file alone, as at start");
    }

    [Test]
    public void TextsBeyondTheRoomForThemGoIntoTheRecordsAndComeBackAsTheyWentIn()
    {
        // Ever-new origids (a gateway's ever-new sources) fill the texts' room; later ones are held in their records.
        var records = Enumerable.Range(1, 10_000)
            .Select(i => new CallRecord(T0.AddTicks(i * 10L), Realm.International, null, "13812345678", "13900000000", Guid.NewGuid().ToString(), $"c{i}", "intercept", "abroad-spoofed"))
            .ToArray();
        long before, after;
        using (var journal = new CallRecordJournal(File, 8 << 20))
        {
            for (var i = 0; i < records.Length; i++)
            {
                Assert.That(journal.TryAppend(records[i], i + 1), Is.True);
            }

            before = journal.Position.End;
            Assert.That(journal.TryAppend(records[0] with { OrigId = Guid.NewGuid().ToString() }, records.Length + 1), Is.True);
            after = journal.Position.End;
        }

        Assert.Multiple(() =>
        {
            Assert.That(after - before, Is.GreaterThan(8 + 9 + 14 + 36), "the last new origid is in its record");
            Assert.That(CallRecordJournal.Read(File, 0, 0).Records.Take(records.Length), Is.EqualTo(records));
        });
    }

    [Test]
    public void ThePagesTheNextRecordsGoToAreMappedBeforeACallWritesThem()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Ignore("the pages of a mapping are counted from /proc/self/smaps, which only Linux has");
        }

        using var journal = new CallRecordJournal(File, 1 << 20);
        Assert.That(journal.TryAppend(Record(1), 1), Is.True);
        var before = MappedBytes(File);

        journal.Prepare(journal.Ahead(256 << 10));

        Assert.Multiple(() =>
        {
            Assert.That(before, Is.LessThan(64 << 10), "a fresh journal has only the page the record went to mapped");
            Assert.That(MappedBytes(File), Is.GreaterThanOrEqualTo(256 << 10), "the next 256 KB are mapped, no call's write faulting them in");
            Assert.That(CallRecordJournal.Read(File, 0, 0).Records, Is.EqualTo(new[] { Record(1) }), "and what the journal held is as it was");
        });
    }

    /// <summary>The resident bytes of this process's mapping of <paramref name="path"/> (Rss in /proc/self/smaps).</summary>
    private static long MappedBytes(string path)
    {
        var inMapping = false;
        foreach (var line in System.IO.File.ReadLines("/proc/self/smaps"))
        {
            if (line.Length > 0 && char.IsAsciiHexDigit(line[0]) && line.Contains('-'))
            {
                inMapping = line.EndsWith(path, StringComparison.Ordinal);
            }
            else if (inMapping && line.StartsWith("Rss:", StringComparison.Ordinal))
            {
                return long.Parse(line["Rss:".Length..^"kB".Length].Trim(), System.Globalization.CultureInfo.InvariantCulture) * 1024;
            }
        }

        throw new InvalidOperationException($"{path} is not mapped into this process");
    }

    private static byte[] EarlierForm(CallRecord r)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(CallRecordWriter.Microseconds(r.At));
            writer.Write(r.Realm.ToString().ToLowerInvariant());
            writer.Write(r.Trunk is not null);
            if (r.Trunk is not null)
            {
                writer.Write(r.Trunk);
            }

            writer.Write(r.Calling);
            writer.Write(r.Called);
            writer.Write(r.OrigId is not null);
            if (r.OrigId is not null)
            {
                writer.Write(r.OrigId);
            }

            writer.Write(r.CallId);
            writer.Write(r.Decision);
            writer.Write(r.Reason);
        }

        return buffer.ToArray();
    }

    /// <summary>Where record <paramref name="number"/> ends, as the queue would have read it when the store took it.</summary>
    private (long End, int Laps) PositionAfter(int number)
    {
        using var probe = new CallRecordJournal(File + "-probe", Capacity);
        for (var i = 1; i <= number; i++)
        {
            probe.TryAppend(Record(i), i);
        }

        return probe.Position;
    }

    private static CallRecord Record(int i) => new(
        T0.AddMilliseconds(i), Realm.Access, null, $"1380000{i:D4}", "13900000001", null, $"call-{i}@127.0.0.1", "forward", "admitted");
}
