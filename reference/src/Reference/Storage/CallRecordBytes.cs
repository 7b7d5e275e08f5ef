using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Screening;

namespace Reference.Storage;

/// <summary>
/// One record where the journal holds it, in its compact form (<see cref="CallRecordJournal"/>): the writer reads the
/// time, realm and texts in the mapped file and binds the texts into SQLite where they lie, so that a call's strings are
/// neither kept until the store has them nor encoded a second time. Valid while the journal keeps the record, that is
/// until the store has it (<see cref="CallRecordJournal.Stored"/>). The trunk, origid, decision and reason may be held
/// as codes of the journal's texts (<see cref="CallRecordTexts"/>).
/// </summary>
internal readonly struct CallRecordBytes(nint address, int length, CallRecordTexts? texts)
{
    /// <summary>Where the first text's length lies: after the time (8 bytes) and the realm (1).</summary>
    public const int FirstText = 9;

    /// <summary>The texts, in the order the record holds them.</summary>
    public const int Texts = 7;

    public const int DecisionText = 5;

    /// <summary>The origid's place among the texts.</summary>
    public const int OrigIdText = 3;

    /// <summary>Whether the text at <paramref name="text"/> is stored as its code (<see cref="CallRecordCodes"/>): the origid, the decision and the reason.</summary>
    public static bool IsCoded(int text) => text is OrigIdText or >= DecisionText;

    /// <summary>The coded text's column among <see cref="CallRecordCodes.Columns"/>.</summary>
    public static int CodedColumn(int text) => text == OrigIdText ? 0 : text - DecisionText + 1;

    /// <summary>Whether the journal may hold the text at <paramref name="text"/> as a code of its texts: the trunk, the origid, the decision and the reason.</summary>
    public static bool IsJournalCoded(int text) => text is 0 or OrigIdText or >= DecisionText;

    /// <summary>That text's column among the journal's texts' (0 to 3).</summary>
    public static int JournalColumn(int text) => text switch { 0 => 0, OrigIdText => 1, _ => text - DecisionText + 2 };

    private const ushort Null = ushort.MaxValue;

    /// <summary>Where the payload starts in memory.</summary>
    public nint Address => address;

    public ReadOnlySpan<byte> Payload => Mapped(address, length);

    /// <summary>The at column: microseconds since 1970 UTC.</summary>
    public long Microseconds => BinaryPrimitives.ReadInt64LittleEndian(Payload);

    public Realm Realm => (Realm)Payload[8];

    /// <summary>The record as the queue was given it, its strings made now (for a store the texts cannot be bound into from here).</summary>
    public CallRecord ToRecord()
    {
        var known = texts;
        return CallRecordJournal.Decode(Payload, code => known is not null && code < known.Count ? known.String(code) : null)
            ?? throw new InvalidOperationException("A call record read back from the journal is not well formed");
    }

    /// <summary>
    /// The text whose 2-byte field lies at <paramref name="at"/>, <paramref name="at"/> moved past it: where its UTF-8
    /// lies in memory (in the record, or among the journal's texts), its length, and its code among the journal's
    /// texts (-1 when held in the record); false for none. Only for a payload <see cref="IsWellFormed"/> accepted.
    /// </summary>
    public bool NextText(ref int at, out nint text, out int length, out int code)
    {
        var field = BinaryPrimitives.ReadUInt16LittleEndian(Payload[at..]);
        at += 2;
        if (field == Null)
        {
            (text, length, code) = (0, 0, -1);
            return false;
        }

        if (field >= CallRecordTexts.CodedMark)
        {
            code = field - CallRecordTexts.CodedMark;
            (text, length) = texts!.Locate(code);
            return true;
        }

        code = -1;
        text = address + at;
        length = field;
        at += field;
        return true;
    }

    /// <summary>As <see cref="NextText(ref int, out nint, out int, out int)"/>, the text's bytes given as a span.</summary>
    public bool NextText(ref int at, out ReadOnlySpan<byte> text)
    {
        var present = NextText(ref at, out nint where, out var length, out _);
        text = present ? Mapped(where, length) : default;
        return present;
    }

    /// <summary>
    /// True when the payload holds a time, a known realm and seven texts within its length, the calling and called
    /// numbers, the Call-ID, the decision and the reason present, only the trunk, origid, decision and reason as codes
    /// and each of those below <paramref name="codes"/>: what <see cref="CallRecordJournal.Decode"/> accepts.
    /// </summary>
    public static bool IsWellFormed(ReadOnlySpan<byte> payload, int codes)
    {
        if (payload.Length < FirstText || !Enum.IsDefined((Realm)payload[8]))
        {
            return false;
        }

        var at = FirstText;
        for (var text = 0; text < Texts; text++)
        {
            if (at + 2 > payload.Length)
            {
                return false;
            }

            var length = BinaryPrimitives.ReadUInt16LittleEndian(payload[at..]);
            at += 2;
            if (length == Null)
            {
                // Only the trunk and the origid may be absent.
                if (text is not 0 and not 3)
                {
                    return false;
                }
            }
            else if (length >= CallRecordTexts.CodedMark)
            {
                if (!IsJournalCoded(text) || length - CallRecordTexts.CodedMark >= codes)
                {
                    return false;
                }
            }
            else if (length > payload.Length - at)
            {
                return false;
            }
            else
            {
                at += length;
            }
        }

        return true;
    }

    /// <summary>
    /// The bytes at <paramref name="at"/> in memory no collector moves (the journal's mapping, held open while used).
    /// A span over the address, as a pointer would be in unsafe code, which this assembly does not allow.
    /// </summary>
    public static Span<byte> Mapped(nint at, int bytes) => MemoryMarshal.CreateSpan(ref Unsafe.AddByteOffset(ref Unsafe.NullRef<byte>(), at), bytes);
}
