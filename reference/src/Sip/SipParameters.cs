using System.Text;

namespace Sip;

/// <summary>
/// Ordered <c>;name[=value]</c> parameters of a URI or header. Names compare case-insensitively;
/// a parameter without a value (<c>;lr</c>, <c>;rport</c>) has a null value.
/// </summary>
public sealed class SipParameters
{
    // An array and a count rather than a list: every parsed Via, From, To and URI has a set of these, and most hold
    // one to three parameters; the list object around the array would be one more allocation each.
    private KeyValuePair<string, string?>[] _items = [];
    private int _count;

    public int Count => _count;

    public IReadOnlyList<KeyValuePair<string, string?>> Items => new ArraySegment<KeyValuePair<string, string?>>(_items, 0, _count);

    /// <summary>The parameters in order, without a wrapper (the hot paths' view of <see cref="Items"/>).</summary>
    internal ReadOnlySpan<KeyValuePair<string, string?>> Span => _items.AsSpan(0, _count);

    // Lookups are loops rather than predicates: a lambda capturing the name is an allocation per lookup, and the
    // proxy looks up branch, received and rport several times per message.
    public bool Contains(string name) => IndexOf(name) >= 0;

    public string? this[string name] => IndexOf(name) is var index and >= 0 ? _items[index].Value : null;

    public void Set(string name, string? value)
    {
        var index = IndexOf(name);
        if (index < 0)
        {
            Add(name, value);
        }
        else
        {
            _items[index] = new(name, value);
        }
    }

    public bool Remove(string name)
    {
        var kept = 0;
        for (var i = 0; i < _count; i++)
        {
            if (!Same(_items[i].Key, name))
            {
                _items[kept++] = _items[i];
            }
        }

        var removed = kept < _count;
        Array.Clear(_items, kept, _count - kept);
        _count = kept;
        return removed;
    }

    private void Add(string name, string? value)
    {
        if (_count == _items.Length)
        {
            Array.Resize(ref _items, _count == 0 ? 2 : _count * 2);
        }

        _items[_count++] = new(name, value);
    }

    /// <summary>Parses text after a leading separator, e.g. <c>branch=z9hG4bK1;rport</c>; quoted values keep their quotes.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, char separator, out SipParameters parameters) =>
        ByteGrammar.ReadChars(text, (byte)separator, static (ReadOnlySpan<byte> bytes, byte separatorByte, out SipParameters value) =>
        {
            value = new SipParameters();
            return Read(bytes, separatorByte, value);
        }, out parameters);

    /// <summary>
    /// The parameters of wire bytes the grammar has already read (<see cref="ParameterReader"/>), with room for
    /// <paramref name="spare"/> more: a received Via gets <c>received</c> (and an <c>rport</c> value) on arrival, and
    /// its array need not grow.
    /// </summary>
    internal static SipParameters From(ReadOnlySpan<byte> text, int spare)
    {
        var parameters = new SipParameters();
        if (spare > 0)
        {
            parameters._items = new KeyValuePair<string, string?>[text.Count((byte)';') + 1 + spare];
        }

        Read(text, (byte)';', parameters);
        return parameters;
    }

    private static bool Read(ReadOnlySpan<byte> text, byte separator, SipParameters into)
    {
        var reader = new ParameterReader(text, separator);
        while (reader.Next(out var nameStart, out var nameEnd, out var valueStart, out var valueEnd))
        {
            var name = text[nameStart..nameEnd];
            into.Add(Known(name) ?? Encoding.ASCII.GetString(name), valueStart < 0 ? null : Encoding.UTF8.GetString(text[valueStart..valueEnd]));
        }

        return !reader.Malformed;
    }

    public void AppendTo(StringBuilder builder, char separator)
    {
        foreach (var (name, value) in Span)
        {
            builder.Append(separator).Append(name);
            if (value is not null)
            {
                builder.Append('=').Append(value);
            }
        }
    }

    public override string ToString()
    {
        var builder = new StringBuilder();
        AppendTo(builder, ';');
        return builder.ToString();
    }

    /// <summary>
    /// The shared string for a parameter name every message carries (Via's branch and rport, From's tag, a route's lr),
    /// spelt exactly as written; null for any other name, which gets its own string.
    /// </summary>
    private static string? Known(ReadOnlySpan<byte> name) => name.Length switch
    {
        2 when name.SequenceEqual("lr"u8) => "lr",
        3 when name.SequenceEqual("tag"u8) => "tag",
        3 when name.SequenceEqual("ttl"u8) => "ttl",
        4 when name.SequenceEqual("user"u8) => "user",
        5 when name.SequenceEqual("rport"u8) => "rport",
        5 when name.SequenceEqual("maddr"u8) => "maddr",
        6 when name.SequenceEqual("branch"u8) => "branch",
        8 when name.SequenceEqual("received"u8) => "received",
        9 when name.SequenceEqual("transport"u8) => "transport",
        _ => null,
    };

    private int IndexOf(string name)
    {
        for (var i = 0; i < _count; i++)
        {
            if (Same(_items[i].Key, name))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
