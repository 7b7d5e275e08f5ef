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
        TryParse(text, separator, spare: 0, out parameters);

    /// <summary>
    /// As <see cref="TryParse(ReadOnlySpan{char}, char, out SipParameters)"/>, with room for <paramref name="spare"/>
    /// more: a received Via gets <c>received</c> (and an <c>rport</c> value) on arrival, and its array need not grow.
    /// </summary>
    internal static bool TryParse(ReadOnlySpan<char> text, char separator, int spare, out SipParameters parameters)
    {
        parameters = new SipParameters();
        if (spare > 0)
        {
            parameters._items = new KeyValuePair<string, string?>[text.Count(separator) + 1 + spare];
        }

        return Scan(text, separator, parameters);
    }

    /// <summary>Checks the grammar without building anything (the parser's validation path).</summary>
    internal static bool IsValid(ReadOnlySpan<char> text, char separator) => Scan(text, separator, null);

    /// <summary>
    /// Whether text after a leading separator names <paramref name="wanted"/> (case-insensitively), without building
    /// anything: a responder asks whether a To already has a tag, and needs no parsed To for that.
    /// </summary>
    internal static bool Has(ReadOnlySpan<char> text, char separator, string wanted)
    {
        var reader = new Reader(text, separator);
        while (reader.Next(out var name, out _, out _))
        {
            if (name.Equals(wanted, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>One grammar for both paths: <paramref name="into"/> receives the parameters when given.</summary>
    private static bool Scan(ReadOnlySpan<char> text, char separator, SipParameters? into)
    {
        var reader = new Reader(text, separator);
        while (reader.Next(out var name, out var value, out var hasValue))
        {
            into?.Add(Known(name) ?? name.ToString(), hasValue ? value.ToString() : null);
        }

        return !reader.Malformed;
    }

    /// <summary>
    /// The parameters one by one as slices, a separator inside a quoted value kept in the value. Stops at the end or at
    /// a part the grammar has no room for, which <see cref="Malformed"/> then tells.
    /// </summary>
    private ref struct Reader(ReadOnlySpan<char> text, char separator)
    {
        private readonly ReadOnlySpan<char> _text = text;
        private int _next;

        public bool Malformed { get; private set; }

        public bool Next(out ReadOnlySpan<char> name, out ReadOnlySpan<char> value, out bool hasValue)
        {
            name = value = default;
            hasValue = false;
            if (_next >= _text.Length || Malformed)
            {
                return false;
            }

            var i = _next;
            var inQuotes = false;
            while (i < _text.Length && (inQuotes || _text[i] != separator))
            {
                if (_text[i] == '\\' && inQuotes)
                {
                    i++;
                }
                else if (_text[i] == '"')
                {
                    inQuotes = !inQuotes;
                }

                i++;
            }

            var part = _text[_next..Math.Min(i, _text.Length)].Trim();
            _next = i + 1;

            // An open quote, or ";;" or a trailing ";" (an empty parameter, RFC 4475 §3.1.2.1): no room in the grammar.
            if (inQuotes || part.IsEmpty)
            {
                Malformed = true;
                return false;
            }

            var eq = part.IndexOf('=');
            name = (eq < 0 ? part : part[..eq]).Trim();
            if (name.IsEmpty || !SipGrammar.IsToken(name))
            {
                Malformed = true;
                return false;
            }

            hasValue = eq >= 0;
            value = hasValue ? part[(eq + 1)..].Trim() : default;
            return true;
        }
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
    private static string? Known(ReadOnlySpan<char> name) => name switch
    {
        "branch" => "branch",
        "tag" => "tag",
        "rport" => "rport",
        "received" => "received",
        "lr" => "lr",
        "transport" => "transport",
        "user" => "user",
        "maddr" => "maddr",
        "ttl" => "ttl",
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
