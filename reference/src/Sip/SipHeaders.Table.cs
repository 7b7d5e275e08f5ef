namespace Sip;

// The table behind SipHeaders: a field is three integers, and the strings it needs (names not known, values held as
// text) are appended to a side list made on first use. Lookups by name compare known indexes; only a name not known
// compares text.
public sealed partial class SipHeaders
{
    // Stands for "a name not known" in a lookup; never stored.
    private const int Unknown = int.MinValue;

    private Entry[] _entries;
    private int _count;

    // Unknown names and string values, appended as they come; an entry points into it by index.
    private string[]? _strings;
    private int _stringCount;

    private int IndexOf(string name) => IndexOf(NameKey(name, adding: false), name);

    private int IndexOf(int key, string? name = null)
    {
        for (var i = 0; i < _count; i++)
        {
            if (Is(i, key, name))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// Whether the field at <paramref name="index"/> has the name: by known index, or (<paramref name="key"/> of
    /// <see cref="Unknown"/>, for a name not known) by comparing the unknown names.
    /// </summary>
    private bool Is(int index, int key, string? name)
    {
        var entryName = _entries[index].Name;
        if (key != Unknown)
        {
            return entryName == key;
        }

        return entryName < 0 && name is not null && string.Equals(_strings![~entryName], name, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The key an entry stores for a name: its known index, or the complement of its index among the strings.</summary>
    private int NameKey(string name, bool adding = true)
    {
        var known = HeaderNames.IdOf(name);
        if (known >= 0)
        {
            return known;
        }

        if (!adding)
        {
            return Unknown;
        }

        // Kept as given (a single letter that is no compact form, or an extension header), looked up again by value.
        for (var i = 0; i < _count; i++)
        {
            var existing = _entries[i].Name;
            if (existing < 0 && string.Equals(_strings![~existing], name, StringComparison.OrdinalIgnoreCase))
            {
                return existing;
            }
        }

        return ~StringKey(name);
    }

    private int StringKey(string value)
    {
        if (_strings is null)
        {
            _strings = new string[4];
        }
        else if (_stringCount == _strings.Length)
        {
            Array.Resize(ref _strings, _strings.Length * 2);
        }

        _strings[_stringCount] = value;
        return _stringCount++;
    }

    private void Append(Entry entry)
    {
        if (_count == _entries.Length)
        {
            Array.Resize(ref _entries, Math.Max(4, _entries.Length * 2));
        }

        _entries[_count++] = entry;
    }

    private void InsertAt(int index, Entry entry)
    {
        if (_count == _entries.Length)
        {
            Array.Resize(ref _entries, Math.Max(4, _entries.Length * 2));
        }

        Array.Copy(_entries, index, _entries, index + 1, _count - index);
        _entries[index] = entry;
        _count++;
    }

    private void RemoveAt(int index)
    {
        _count--;
        Array.Copy(_entries, index + 1, _entries, index, _count - index);
    }

    /// <summary>
    /// A field: <see cref="Name"/> is the name's known index (or, negative, the complement of its index among the
    /// strings); <see cref="Value"/> and <see cref="Length"/> are the raw bytes' offset and length in the buffer, or,
    /// when <see cref="Length"/> is <see cref="Text"/>, <see cref="Value"/> is the value's index among the strings.
    /// </summary>
    /// <remarks>
    /// Eight bytes: every parsed message has one a line, so their size is most of what a message's table costs. A raw
    /// value is shorter than <see cref="LongestRaw"/> (the parser keeps a longer one as text), and a table holds fewer
    /// than 32,768 strings.
    /// </remarks>
    private readonly struct Entry
    {
        public const int Text = -1;

        /// <summary>The longest raw value an entry holds.</summary>
        public const int LongestRaw = ushort.MaxValue - 1;

        private const ushort TextLength = ushort.MaxValue;

        private readonly int _value;
        private readonly short _name;
        private readonly ushort _length;

        public Entry(int name, int value, int length)
        {
            if (name is < short.MinValue or > short.MaxValue || length > LongestRaw)
            {
                throw new InvalidOperationException("A header table holds at most 32,767 strings and raw values shorter than 64 KB.");
            }

            _name = (short)name;
            _value = value;
            _length = length == Text ? TextLength : (ushort)length;
        }

        public int Name => _name;

        public int Value => _value;

        public int Length => _length == TextLength ? Text : _length;

        public bool IsText => _length == TextLength;
    }
}
