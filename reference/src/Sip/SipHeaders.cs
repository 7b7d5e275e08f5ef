using System.Collections;

namespace Sip;

/// <summary>
/// Header fields in wire order. Names are compared case-insensitively and compact forms are
/// canonicalized on add, so <c>v:</c> and <c>VIA:</c> are both found as <see cref="HeaderNames.Via"/>.
/// </summary>
public sealed class SipHeaders : IEnumerable<SipHeader>
{
    private readonly List<SipHeader> _items = new(16);

    public int Count => _items.Count;

    public void Add(string name, string value) => _items.Add(new SipHeader(HeaderNames.Canonicalize(name), value));

    /// <summary>Adds a header whose name is already canonical (the parser's path: no second lookup).</summary>
    internal void AddCanonical(string canonical, string value) => _items.Add(new SipHeader(canonical, value));

    public void Insert(int index, string name, string value) =>
        _items.Insert(index, new SipHeader(HeaderNames.Canonicalize(name), value));

    /// <summary>Puts a header before the first header of the same name (a proxy pushing its Via), or appends it.</summary>
    public void Prepend(string name, string value)
    {
        var canonical = HeaderNames.Canonicalize(name);
        var index = _items.FindIndex(h => Is(h, canonical));
        _items.Insert(index < 0 ? 0 : index, new SipHeader(canonical, value));
    }

    public string? this[string name] => First(name);

    public string? First(string name)
    {
        var canonical = HeaderNames.Canonicalize(name);
        foreach (var header in _items)
        {
            if (Is(header, canonical))
            {
                return header.Value;
            }
        }

        return null;
    }

    public IEnumerable<string> All(string name)
    {
        var canonical = HeaderNames.Canonicalize(name);
        return _items.Where(h => Is(h, canonical)).Select(h => h.Value);
    }

    public bool Contains(string name) => First(name) is not null;

    /// <summary>Replaces every header of a name with one value, keeping the position of the first.</summary>
    public void Set(string name, string value)
    {
        var canonical = HeaderNames.Canonicalize(name);
        var index = _items.FindIndex(h => Is(h, canonical));
        _items.RemoveAll(h => Is(h, canonical));
        _items.Insert(index < 0 ? _items.Count : index, new SipHeader(canonical, value));
    }

    public int RemoveAll(string name)
    {
        var canonical = HeaderNames.Canonicalize(name);
        return _items.RemoveAll(h => Is(h, canonical));
    }

    /// <summary>Removes the first header of a name; for a comma-separated field only its first value.</summary>
    public bool RemoveFirstValue(string name)
    {
        var canonical = HeaderNames.Canonicalize(name);
        var index = _items.FindIndex(h => Is(h, canonical));
        if (index < 0)
        {
            return false;
        }

        var values = HeaderValueSplitter.SplitCommas(_items[index].Value);
        if (values.Count <= 1)
        {
            _items.RemoveAt(index);
        }
        else
        {
            _items[index] = new SipHeader(canonical, string.Join(", ", values.Skip(1)));
        }

        return true;
    }

    public SipHeaders Clone()
    {
        var copy = new SipHeaders();
        copy._items.AddRange(_items);
        return copy;
    }

    public IEnumerator<SipHeader> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static bool Is(SipHeader header, string canonical) =>
        string.Equals(header.Name, canonical, StringComparison.OrdinalIgnoreCase);
}
