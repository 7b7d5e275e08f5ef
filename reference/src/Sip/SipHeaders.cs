using System.Collections;
using System.Text;

namespace Sip;

/// <summary>
/// Header fields in wire order. Names are compared case-insensitively and compact forms are
/// canonicalized on add, so <c>v:</c> and <c>VIA:</c> are both found as <see cref="HeaderNames.Via"/>.
/// Values the parser read stay as offsets into the message's pooled receive buffer until someone asks for them,
/// so a message that is only screened and forwarded never decodes most of its header values.
/// </summary>
/// <remarks>
/// The table holds no references: a field is three integers (its name's known index, and its value's offset and length
/// in the buffer), so a parsed message's table is one small array. Names not known and values held as strings (decoded,
/// or given in code) live in a side list of strings that exists only once one is needed.
/// </remarks>
public sealed partial class SipHeaders : IEnumerable<SipHeader>
{
    // What raw entries point into: the message the parser read, leased from the pool (a MessageBuffer), or an array of
    // the message's own (a response's copied fields), held as it is rather than in a lease object that is never
    // handed back.
    private object? _source;
    private bool _released;

    public SipHeaders()
        : this(16)
    {
    }

    /// <summary>Room for <paramref name="capacity"/> headers at first (none for a wire copy, which keeps its bytes instead).</summary>
    internal SipHeaders(int capacity) => _entries = capacity == 0 ? [] : new Entry[capacity];

    public int Count => _count;

    /// <summary>Changes whenever a header is added, replaced or removed, so that parsed views of a header can be cached against it.</summary>
    internal int Version { get; private set; }

    public void Add(string name, string value)
    {
        Version++;
        Append(new Entry(NameKey(name), StringKey(value), Entry.Text));
    }

    /// <summary>Adds a header whose name is already canonical (the parser's path: no second lookup).</summary>
    internal void AddCanonical(string canonical, string value) => Add(canonical, value);

    /// <summary>The longest value <see cref="AddRaw(int, int, int)"/> takes; a longer one is added as text.</summary>
    internal const int LongestRaw = Entry.LongestRaw;

    /// <summary>Adds a header whose value is the UTF-8 bytes at an offset of the buffer given to <see cref="AttachSource"/>.</summary>
    internal void AddRaw(string canonical, int offset, int length)
    {
        Version++;
        Append(new Entry(NameKey(canonical), offset, length));
    }

    /// <summary>Adds a header of a known name (by <see cref="HeaderNames.KnownIndex"/>) whose value is raw bytes of the buffer.</summary>
    internal void AddRaw(int known, int offset, int length)
    {
        Version++;
        Append(new Entry(known, offset, length));
    }

    /// <summary>Takes over the caller's hold on the buffer the raw values point into.</summary>
    internal void AttachSource(MessageBuffer source) => _source = source;

    /// <summary>Points raw values into <paramref name="array"/>, which belongs to the message alone: releasing it does nothing.</summary>
    internal void AttachOwnArray(byte[] array) => _source = array;

    /// <summary>The lease this collection holds, if any.</summary>
    internal MessageBuffer? Lease => _source as MessageBuffer;

    /// <summary>The array the raw values and the body point into, if any: leased or the message's own.</summary>
    internal byte[]? SourceArray => _source is MessageBuffer lease ? lease.Array : _source as byte[];

    /// <summary>Gives up this collection's hold on the receive buffer; raw values can no longer be read afterwards.</summary>
    internal void ReleaseSource()
    {
        // An array of the message's own is not the pool's: its values stay readable.
        if (_source is not MessageBuffer source)
        {
            return;
        }

        _source = null;
        _released = true;
        source.Release();
    }

    public void Insert(int index, string name, string value)
    {
        Version++;
        InsertAt(index, new Entry(NameKey(name), StringKey(value), Entry.Text));
    }

    /// <summary>Puts a header before the first header of the same name (a proxy pushing its Via), or appends it.</summary>
    public void Prepend(string name, string value)
    {
        var key = NameKey(name);
        var index = IndexOf(key);
        Version++;
        InsertAt(index < 0 ? 0 : index, new Entry(key, StringKey(value), Entry.Text));
    }

    public string? this[string name] => First(name);

    public string? First(string name)
    {
        var index = IndexOf(name);
        return index < 0 ? null : ValueAt(index);
    }

    /// <summary>
    /// The first value of the first field of a name, without the values after it: for fields that may list several
    /// (Via, P-Asserted-Identity with a sip and a tel identity, RFC 3325 §9.1), <see cref="First"/> is the whole list.
    /// </summary>
    public string? FirstValue(string name)
    {
        if (First(name) is not { } field)
        {
            return null;
        }

        var comma = HeaderValueSplitter.NextSeparator(field, 0);
        return comma < 0 ? field : field[..comma].Trim();
    }

    public IEnumerable<string> All(string name)
    {
        var key = NameKey(name, adding: false);
        for (var i = 0; i < _count; i++)
        {
            if (Is(i, key, name))
            {
                yield return ValueAt(i);
            }
        }
    }

    /// <summary>
    /// The wire bytes of the first header of a name while it is still undecoded (as the parser left it); false when
    /// there is none or its value is a string already. Reading it decodes nothing and keeps nothing.
    /// </summary>
    internal bool TryGetRaw(string canonical, out ReadOnlySpan<byte> raw)
    {
        var index = IndexOf(canonical);
        if (index < 0 || _entries[index].IsText)
        {
            raw = default;
            return false;
        }

        raw = Source().AsSpan(_entries[index].Value, _entries[index].Length);
        return true;
    }

    /// <summary>The index of the first field of a (canonical) name at or after <paramref name="start"/>; -1 when there is none.</summary>
    internal int NextIndexOf(string canonical, int start)
    {
        var key = NameKey(canonical, adding: false);
        for (var i = start; i < _count; i++)
        {
            if (Is(i, key, canonical))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The wire bytes of the field at <paramref name="index"/> while undecoded; false when its value is a string.</summary>
    internal bool TryGetRawAt(int index, out ReadOnlySpan<byte> raw)
    {
        if (_entries[index].IsText)
        {
            raw = default;
            return false;
        }

        raw = Source().AsSpan(_entries[index].Value, _entries[index].Length);
        return true;
    }

    /// <summary>How many fields of a (canonical) name there are; never decodes a value.</summary>
    internal int CountOf(string canonical)
    {
        var key = NameKey(canonical, adding: false);
        var count = 0;
        for (var i = 0; i < _count; i++)
        {
            if (Is(i, key, canonical))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Appends every field of a (canonical) name to <paramref name="into"/>, in order and as they are (raw values decoded).</summary>
    internal void CopyAll(string canonical, SipHeaders into)
    {
        var key = NameKey(canonical, adding: false);
        for (var i = 0; i < _count; i++)
        {
            if (Is(i, key, canonical))
            {
                into.Add(canonical, ValueAt(i));
            }
        }
    }

    /// <summary>True when a header of the name is present; never decodes a value.</summary>
    public bool Contains(string name) => IndexOf(name) >= 0;

    /// <summary>Replaces every header of a name with one value, keeping the position of the first.</summary>
    public void Set(string name, string value)
    {
        var key = NameKey(name);
        var index = IndexOf(key);
        Version++;
        var entry = new Entry(key, StringKey(value), Entry.Text);
        if (index < 0)
        {
            Append(entry);
            return;
        }

        // In place, and the later ones removed from the back: no shifting of the first one.
        _entries[index] = entry;
        for (var i = _count - 1; i > index; i--)
        {
            if (_entries[i].Name == key)
            {
                RemoveAt(i);
            }
        }
    }

    public int RemoveAll(string name)
    {
        var key = NameKey(name, adding: false);
        Version++;
        var kept = 0;
        for (var i = 0; i < _count; i++)
        {
            if (!Is(i, key, name))
            {
                _entries[kept++] = _entries[i];
            }
        }

        var removed = _count - kept;
        _count = kept;
        return removed;
    }

    /// <summary>Removes the first header of a name; for a comma-separated field only its first value.</summary>
    public bool RemoveFirstValue(string name)
    {
        var index = IndexOf(name);
        if (index < 0)
        {
            return false;
        }

        Version++;
        if (AfterFirstValue(_entries[index]) is { } rest)
        {
            _entries[index] = rest;
        }
        else
        {
            RemoveAt(index);
        }

        return true;
    }

    /// <summary>
    /// The field's values after its first, as a field of their own; null when it holds the one value. A proxy pops its
    /// own Via from every response it relays: a value still in wire bytes stays there (the entry moves past the first
    /// value), and nothing is decoded.
    /// </summary>
    private Entry? AfterFirstValue(Entry entry)
    {
        if (!entry.IsText)
        {
            var raw = Source().AsSpan(entry.Value, entry.Length);
            var separator = HeaderValueSplitter.NextSeparator(raw, 0);
            var restAt = separator < 0 ? raw.Length : separator + 1;
            while (restAt < raw.Length && raw[restAt] is (byte)' ' or (byte)'\t')
            {
                restAt++;
            }

            return restAt >= raw.Length ? null : new Entry(entry.Name, entry.Value + restAt, entry.Length - restAt);
        }

        var text = _strings![entry.Value];
        var comma = HeaderValueSplitter.NextSeparator(text, 0);
        var rest = comma < 0 ? string.Empty : text[(comma + 1)..].Trim();
        return rest.Length == 0 ? null : new Entry(entry.Name, StringKey(rest), Entry.Text);
    }

    /// <summary>
    /// Replaces the first value of the first field of a name, keeping the field's other values and every later field
    /// of the name (a Via stamped on receipt). The rest of a comma-separated field stays, still undecoded, as a field of
    /// its own just after: RFC 3261 §7.3.1 makes the two forms the same header.
    /// </summary>
    public void ReplaceFirstValue(string name, string value)
    {
        var key = NameKey(name);
        var index = IndexOf(key);
        Version++;
        var entry = new Entry(key, StringKey(value), Entry.Text);
        if (index < 0)
        {
            Append(entry);
            return;
        }

        // The usual field holds the one value: it is overwritten where it is, not removed and inserted again (each
        // shifting every later header).
        if (AfterFirstValue(_entries[index]) is { } rest)
        {
            _entries[index] = rest;
            InsertAt(index, entry);
        }
        else
        {
            _entries[index] = entry;
        }
    }

    /// <summary>
    /// As <see cref="ReplaceFirstValue"/>, with the value's UTF-8 bytes written after the message in its receive
    /// buffer's spare room (<see cref="MessageBuffer.TryAppend"/>), so that the field stays bytes. False, and nothing
    /// changed, when the message has no such buffer or the room is too small.
    /// </summary>
    internal bool TryReplaceFirstValue(string name, ReadOnlySpan<byte> value)
    {
        if (_released || _source is not MessageBuffer source || !source.TryAppend(value, out var offset))
        {
            return false;
        }

        var key = NameKey(name);
        var index = IndexOf(key);
        Version++;
        var entry = new Entry(key, offset, value.Length);
        if (index < 0)
        {
            Append(entry);
        }
        else if (AfterFirstValue(_entries[index]) is { } rest)
        {
            _entries[index] = rest;
            InsertAt(index, entry);
        }
        else
        {
            _entries[index] = entry;
        }

        return true;
    }

    public SipHeaders Clone()
    {
        // Room for what a proxy adds to a forwarded copy (its Via, a Record-Route) without growing the table.
        var copy = new SipHeaders(_count + 2) { _source = _source, _released = _released, _count = _count, _stringCount = _stringCount };
        (_source as MessageBuffer)?.Retain();
        Array.Copy(_entries, copy._entries, _count);
        if (_strings is not null)
        {
            copy._strings = new string[_strings.Length];
            Array.Copy(_strings, copy._strings, _stringCount);
        }

        return copy;
    }

    public IEnumerator<SipHeader> GetEnumerator()
    {
        for (var i = 0; i < _count; i++)
        {
            yield return new SipHeader(NameAt(i), ValueAt(i));
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal string NameAt(int index)
    {
        var name = _entries[index].Name;
        return name >= 0 ? HeaderNames.KnownAt(name) : _strings![~name];
    }

    /// <summary>The value's UTF-8 bytes without decoding it: the wire bytes when still raw, else the encoded string.</summary>
    internal int ValueByteCount(int index)
    {
        var entry = _entries[index];
        return entry.IsText ? Encoding.UTF8.GetByteCount(_strings![entry.Value]) : entry.Length;
    }

    internal int WriteValue(int index, Span<byte> destination)
    {
        var entry = _entries[index];
        if (entry.IsText)
        {
            return Encoding.UTF8.GetBytes(_strings![entry.Value], destination);
        }

        Source().AsSpan(entry.Value, entry.Length).CopyTo(destination);
        return entry.Length;
    }

    internal string ValueAt(int index)
    {
        var entry = _entries[index];
        if (entry.IsText)
        {
            return _strings![entry.Value];
        }

        // Decoded once, then kept: later reads of the same header cost nothing.
        var value = Encoding.UTF8.GetString(Source(), entry.Value, entry.Length);
        _entries[index] = new Entry(entry.Name, StringKey(value), Entry.Text);
        return value;
    }

    private byte[] Source() =>
        SourceArray ?? throw new InvalidOperationException(_released
            ? "A header of a released message was read: read what you need before calling SipMessage.Release."
            : "A raw header value has no buffer to read from.");
}
