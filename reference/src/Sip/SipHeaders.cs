using System.Collections;
using System.Text;

namespace Sip;

/// <summary>
/// Header fields in wire order. Names are compared case-insensitively and compact forms are
/// canonicalized on add, so <c>v:</c> and <c>VIA:</c> are both found as <see cref="HeaderNames.Via"/>.
/// Values the parser read stay as offsets into the message's pooled receive buffer until someone asks for them,
/// so a message that is only screened and forwarded never decodes most of its header values.
/// </summary>
public sealed class SipHeaders : IEnumerable<SipHeader>
{
    private readonly List<Entry> _items;

    // The message the parser read, leased from the pool; entries without a value point into it.
    private MessageBuffer? _source;
    private bool _released;

    public SipHeaders()
        : this(16)
    {
    }

    /// <summary>Room for <paramref name="capacity"/> headers at first (none for a wire copy, which keeps its bytes instead).</summary>
    internal SipHeaders(int capacity) => _items = new(capacity);

    public int Count => _items.Count;

    /// <summary>Changes whenever a header is added, replaced or removed, so that parsed views of a header can be cached against it.</summary>
    internal int Version { get; private set; }

    public void Add(string name, string value)
    {
        Version++;
        _items.Add(new Entry(HeaderNames.Canonicalize(name), value));
    }

    /// <summary>Adds a header whose name is already canonical (the parser's path: no second lookup).</summary>
    internal void AddCanonical(string canonical, string value)
    {
        Version++;
        _items.Add(new Entry(canonical, value));
    }

    /// <summary>Adds a header whose value is the UTF-8 bytes at an offset of the buffer given to <see cref="AttachSource"/>.</summary>
    internal void AddRaw(string canonical, int offset, int length)
    {
        Version++;
        _items.Add(new Entry(canonical, null, offset, length));
    }

    /// <summary>Takes over the caller's hold on the buffer the raw values point into.</summary>
    internal void AttachSource(MessageBuffer source) => _source = source;

    /// <summary>The lease this collection holds, if any.</summary>
    internal MessageBuffer? Lease => _source;

    /// <summary>The leased array the raw values and the body point into, if any.</summary>
    internal byte[]? SourceArray => _source?.Array;

    /// <summary>Gives up this collection's hold on the receive buffer; raw values can no longer be read afterwards.</summary>
    internal void ReleaseSource()
    {
        var source = _source;
        _source = null;
        if (source is not null)
        {
            _released = true;
            source.Release();
        }
    }

    public void Insert(int index, string name, string value)
    {
        Version++;
        _items.Insert(index, new Entry(HeaderNames.Canonicalize(name), value));
    }

    /// <summary>Puts a header before the first header of the same name (a proxy pushing its Via), or appends it.</summary>
    public void Prepend(string name, string value)
    {
        var canonical = HeaderNames.Canonicalize(name);
        var index = IndexOf(canonical);
        Version++;
        _items.Insert(index < 0 ? 0 : index, new Entry(canonical, value));
    }

    public string? this[string name] => First(name);

    public string? First(string name)
    {
        var index = IndexOf(HeaderNames.Canonicalize(name));
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
        var canonical = HeaderNames.Canonicalize(name);
        for (var i = 0; i < _items.Count; i++)
        {
            if (Is(_items[i].Name, canonical))
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
        if (index < 0 || _items[index] is not { Value: null } entry)
        {
            raw = default;
            return false;
        }

        raw = Source().AsSpan(entry.Offset, entry.Length);
        return true;
    }

    /// <summary>How many fields of a (canonical) name there are; never decodes a value.</summary>
    internal int CountOf(string canonical)
    {
        var count = 0;
        for (var i = 0; i < _items.Count; i++)
        {
            if (Is(_items[i].Name, canonical))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Appends every field of a (canonical) name to <paramref name="into"/>, in order and as they are (raw values decoded).</summary>
    internal void CopyAll(string canonical, SipHeaders into)
    {
        for (var i = 0; i < _items.Count; i++)
        {
            if (Is(_items[i].Name, canonical))
            {
                into.AddCanonical(canonical, ValueAt(i));
            }
        }
    }

    /// <summary>True when a header of the name is present; never decodes a value.</summary>
    public bool Contains(string name) => IndexOf(HeaderNames.Canonicalize(name)) >= 0;

    /// <summary>Replaces every header of a name with one value, keeping the position of the first.</summary>
    public void Set(string name, string value)
    {
        var canonical = HeaderNames.Canonicalize(name);
        var index = IndexOf(canonical);
        Version++;
        if (index < 0)
        {
            _items.Add(new Entry(canonical, value));
            return;
        }

        // In place, and the later ones removed from the back: no predicate closure, no shifting of the first one.
        _items[index] = new Entry(canonical, value);
        for (var i = _items.Count - 1; i > index; i--)
        {
            if (Is(_items[i].Name, canonical))
            {
                _items.RemoveAt(i);
            }
        }
    }

    public int RemoveAll(string name)
    {
        var canonical = HeaderNames.Canonicalize(name);
        Version++;
        return _items.RemoveAll(h => Is(h.Name, canonical));
    }

    /// <summary>Removes the first header of a name; for a comma-separated field only its first value.</summary>
    public bool RemoveFirstValue(string name)
    {
        var canonical = HeaderNames.Canonicalize(name);
        var index = IndexOf(canonical);
        if (index < 0)
        {
            return false;
        }

        RemoveFirstValueAt(index, canonical);
        return true;
    }

    /// <summary>Removes the first value of the field at <paramref name="index"/>, the field itself when it held only that one.</summary>
    private void RemoveFirstValueAt(int index, string canonical)
    {
        Version++;
        if (AfterFirstValue(_items[index], canonical) is { } rest)
        {
            _items[index] = rest;
        }
        else
        {
            _items.RemoveAt(index);
        }
    }

    /// <summary>
    /// The field's values after its first, as a field of their own; null when it holds the one value. A proxy pops its
    /// own Via from every response it relays: a value still in wire bytes stays there (the entry moves past the first
    /// value), and nothing is decoded.
    /// </summary>
    private Entry? AfterFirstValue(Entry entry, string canonical)
    {
        if (entry.Value is null)
        {
            var raw = Source().AsSpan(entry.Offset, entry.Length);
            var separator = HeaderValueSplitter.NextSeparator(raw, 0);
            var restAt = separator < 0 ? raw.Length : separator + 1;
            while (restAt < raw.Length && raw[restAt] is (byte)' ' or (byte)'\t')
            {
                restAt++;
            }

            return restAt >= raw.Length ? null : entry with { Offset = entry.Offset + restAt, Length = entry.Length - restAt };
        }

        var comma = HeaderValueSplitter.NextSeparator(entry.Value, 0);
        var rest = comma < 0 ? string.Empty : entry.Value[(comma + 1)..].Trim();
        return rest.Length == 0 ? null : new Entry(canonical, rest);
    }

    /// <summary>
    /// Replaces the first value of the first field of a name, keeping the field's other values and every later field
    /// of the name (a Via stamped on receipt). The rest of a comma-separated field stays, still undecoded, as a field of
    /// its own just after: RFC 3261 §7.3.1 makes the two forms the same header.
    /// </summary>
    public void ReplaceFirstValue(string name, string value)
    {
        var canonical = HeaderNames.Canonicalize(name);
        var index = IndexOf(canonical);
        Version++;
        if (index < 0)
        {
            _items.Add(new Entry(canonical, value));
            return;
        }

        // The usual field holds the one value: it is overwritten where it is, not removed and inserted again (each
        // shifting every later header).
        if (AfterFirstValue(_items[index], canonical) is { } rest)
        {
            _items[index] = rest;
            _items.Insert(index, new Entry(canonical, value));
        }
        else
        {
            _items[index] = new Entry(canonical, value);
        }
    }

    public SipHeaders Clone()
    {
        // Room for what a proxy adds to a forwarded copy (its Via, a Record-Route) without growing the list.
        var copy = new SipHeaders(_items.Count + 2) { _source = _source, _released = _released };
        _source?.Retain();
        copy._items.AddRange(_items);
        return copy;
    }

    public IEnumerator<SipHeader> GetEnumerator()
    {
        for (var i = 0; i < _items.Count; i++)
        {
            yield return new SipHeader(_items[i].Name, ValueAt(i));
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal string NameAt(int index) => _items[index].Name;

    /// <summary>The value's UTF-8 bytes without decoding it: the wire bytes when still raw, else the encoded string.</summary>
    internal int ValueByteCount(int index) =>
        _items[index] is { Value: null } raw ? raw.Length : Encoding.UTF8.GetByteCount(_items[index].Value!);

    internal int WriteValue(int index, Span<byte> destination)
    {
        var entry = _items[index];
        if (entry.Value is null)
        {
            Source().AsSpan(entry.Offset, entry.Length).CopyTo(destination);
            return entry.Length;
        }

        return Encoding.UTF8.GetBytes(entry.Value, destination);
    }

    private string ValueAt(int index)
    {
        var entry = _items[index];
        if (entry.Value is not null)
        {
            return entry.Value;
        }

        // Decoded once, then kept: later reads of the same header cost nothing.
        var value = Encoding.UTF8.GetString(Source(), entry.Offset, entry.Length);
        _items[index] = entry with { Value = value };
        return value;
    }

    private byte[] Source() =>
        _source?.Array ?? throw new InvalidOperationException(_released
            ? "A header of a released message was read: read what you need before calling SipMessage.Release."
            : "A raw header value has no buffer to read from.");

    private int IndexOf(string canonical)
    {
        for (var i = 0; i < _items.Count; i++)
        {
            if (Is(_items[i].Name, canonical))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool Is(string name, string canonical) =>
        ReferenceEquals(name, canonical) || string.Equals(name, canonical, StringComparison.OrdinalIgnoreCase);

    private readonly record struct Entry(string Name, string? Value, int Offset = 0, int Length = 0);
}
