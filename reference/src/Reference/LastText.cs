namespace Reference;

/// <summary>
/// The text last made for a key, kept for the next request with the same key: intercepted calls come in runs with
/// the same reason, and every call within a minute names the same minute. One entry, replaced whole, so that a reader
/// on another thread always sees a key with its own text.
/// </summary>
internal sealed class LastText<TKey>(Func<TKey, string> make)
    where TKey : IEquatable<TKey>
{
    private readonly LastMade<TKey, string> _last = new(make);

    public string For(TKey key) => _last.For(key);
}

/// <summary>The value last made for a key, kept for the next with the same key (see <see cref="LastText{TKey}"/>).</summary>
internal sealed class LastMade<TKey, TValue>(Func<TKey, TValue> make)
    where TKey : IEquatable<TKey>
{
    private Entry? _last;

    public TValue For(TKey key)
    {
        if (Volatile.Read(ref _last) is { } last && last.Key.Equals(key))
        {
            return last.Text;
        }

        var text = make(key);
        Volatile.Write(ref _last, new Entry(key, text));
        return text;
    }

    private sealed record Entry(TKey Key, TValue Text);
}
