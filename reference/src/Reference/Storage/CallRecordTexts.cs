using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;

namespace Reference.Storage;

/// <summary>
/// The texts a journal's records name by a code instead of holding them (<see cref="CallRecordJournal"/>): the trunk,
/// the origid, the decision and the reason, a few dozen values that made half a record's bytes. They lie in a region of
/// the journal's own file after its ring, each as a 2-byte length (one more than the text's, so that a zero ends the
/// list) and its UTF-8, numbered in order from 0; a record holds a text's code in place of its length
/// (<see cref="CodedMark"/> | code), two bytes in all. A text is written, its length last, before the first record that
/// names it, so a node killed at any point leaves every named text readable. Once the region or the codes run out,
/// texts go into the records as before. Appending, under the queue's lock, is for the calls' threads; reading a text a
/// located record names is for the writer, which took the record after it was appended.
/// </summary>
internal sealed class CallRecordTexts
{
    /// <summary>The region's size: some 6,000 origids, or many more short texts.</summary>
    public const int RegionBytes = 256 * 1024;

    /// <summary>Set in a record's 2-byte length: the rest is a code of this region, not the length of a text that follows.</summary>
    public const ushort CodedMark = 0x8000;

    /// <summary>Codes from 0 to this, exclusive: a coded field never reads as the absent mark (0xFFFF).</summary>
    public const int MostCodes = 0x7FFF;

    /// <summary>The columns whose texts are coded, each with a few of its last texts tried first by reference.</summary>
    private const int Columns = 4;

    private const int Recent = 4;

    private readonly nint _start;
    private readonly int[] _at = new int[MostCodes];
    private readonly int[] _length = new int[MostCodes];
    private readonly Dictionary<string, int> _codes = new(StringComparer.Ordinal);

    // A call's texts are most often strings the node holds once (a decision, a rule's reason, an entry point's origid):
    // compared by reference first, no hash of their characters made.
    private readonly (string? Text, int Code)[] _recent = new (string?, int)[Columns * Recent];
    private readonly int[] _replace = new int[Columns];
    private string?[]? _strings;
    private int _count;
    private int _end;

    /// <param name="start">Where the region is mapped, <see cref="RegionBytes"/> long, all zero.</param>
    public CallRecordTexts(nint start) => _start = start;

    /// <summary>The code of <paramref name="text"/>, written into the region the first time; -1 when the region has no room for it.</summary>
    /// <param name="column">Which coded column asks (0 to 3): its last texts are tried first.</param>
    public int CodeOf(string text, int column)
    {
        var recent = _recent.AsSpan(column * Recent, Recent);
        foreach (ref readonly var known in recent)
        {
            if (ReferenceEquals(known.Text, text))
            {
                return known.Code;
            }
        }

        if (!_codes.TryGetValue(text, out var code))
        {
            code = Add(text);
            if (code < 0)
            {
                return -1;
            }
        }

        ref var slot = ref _replace[column];
        recent[slot] = (text, code);
        slot = (slot + 1) % Recent;
        return code;
    }

    /// <summary>Texts written so far: the codes a well-formed record may hold.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Where text <paramref name="code"/>'s UTF-8 lies in memory, and its length; for a code a located record holds.</summary>
    public (nint At, int Length) Locate(int code) => (_start + _at[code], _length[code]);

    public ReadOnlySpan<byte> Bytes(int code) => CallRecordBytes.Mapped(_start + _at[code], _length[code]);

    /// <summary>Text <paramref name="code"/> as a string, made once (by the writer, for a store that takes strings).</summary>
    public string String(int code)
    {
        _strings ??= new string?[MostCodes];
        return _strings[code] ??= Encoding.UTF8.GetString(Bytes(code));
    }

    /// <summary>The texts a region holds (read back at start), in code order; up to the first one cut short.</summary>
    public static List<string> Read(ReadOnlySpan<byte> region)
    {
        var texts = new List<string>();
        var at = 0;
        while (at + 2 <= region.Length && texts.Count < MostCodes)
        {
            var field = BinaryPrimitives.ReadUInt16LittleEndian(region[at..]);
            if (field == 0 || at + 2 + field - 1 > region.Length)
            {
                break;
            }

            texts.Add(Encoding.UTF8.GetString(region.Slice(at + 2, field - 1)));
            at += 2 + field - 1;
        }

        return texts;
    }

    private int Add(string text)
    {
        var most = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (_count == MostCodes || _end + 2 + most > RegionBytes)
        {
            return -1;
        }

        var length = Encoding.UTF8.GetBytes(text, CallRecordBytes.Mapped(_start + _end + 2, most));

        // The length last, after the text's bytes, whatever the compiler would reorder: a node killed before it leaves
        // a zero there, the end of the list, and no record names this code yet.
        Volatile.WriteBarrier();
        Unsafe.WriteUnaligned(ref CallRecordBytes.Mapped(_start + _end, 2)[0], BitConverter.IsLittleEndian ? (ushort)(length + 1) : BinaryPrimitives.ReverseEndianness((ushort)(length + 1)));
        var code = _count;
        _at[code] = _end + 2;
        _length[code] = length;
        _end += 2 + length;
        Volatile.Write(ref _count, code + 1);
        _codes[text] = code;
        return code;
    }
}
