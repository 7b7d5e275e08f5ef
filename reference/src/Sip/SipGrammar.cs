namespace Sip;

/// <summary>Character classes of the RFC 3261 §25 ABNF.</summary>
public static class SipGrammar
{
    private const string TokenAlphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.!%*_+`'~";

    // Vectorized set lookups: the parser checks every header name and several values against these.
    private static readonly System.Buffers.SearchValues<char> TokenChars = System.Buffers.SearchValues.Create(TokenAlphabet);

    private static readonly System.Buffers.SearchValues<byte> TokenBytes = System.Buffers.SearchValues.Create(System.Text.Encoding.ASCII.GetBytes(TokenAlphabet));

    /// <summary>token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~").</summary>
    public static bool IsTokenChar(char c) => TokenChars.Contains(c);

    public static bool IsToken(ReadOnlySpan<char> text) => !text.IsEmpty && !text.ContainsAnyExcept(TokenChars);

    /// <summary>The same test over the wire bytes of a header name or method.</summary>
    public static bool IsToken(ReadOnlySpan<byte> bytes) => !bytes.IsEmpty && !bytes.ContainsAnyExcept(TokenBytes);

    public static bool IsTokenByte(byte b) => TokenBytes.Contains(b);

    /// <summary>Removes surrounding quotes and backslash escapes of a quoted-string; plain text is returned trimmed.</summary>
    public static string Unquote(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length < 2 || trimmed[0] != '"' || trimmed[^1] != '"')
        {
            return trimmed;
        }

        var inner = trimmed.AsSpan(1, trimmed.Length - 2);
        var result = new System.Text.StringBuilder(inner.Length);
        for (var i = 0; i < inner.Length; i++)
        {
            if (inner[i] == '\\' && i + 1 < inner.Length)
            {
                i++;
            }

            result.Append(inner[i]);
        }

        return result.ToString();
    }

    public static string Quote(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
