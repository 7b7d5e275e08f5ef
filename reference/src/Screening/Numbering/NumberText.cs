namespace Screening.Numbering;

/// <summary>Number text as it arrives in a SIP user part: visual separators dropped, a leading '+' kept apart.</summary>
public static class NumberText
{
    public static string DigitsOnly(string number)
    {
        Span<char> buffer = stackalloc char[Math.Min(number.Length, 64)];
        var length = 0;
        foreach (var c in number)
        {
            if (char.IsAsciiDigit(c) && length < buffer.Length)
            {
                buffer[length++] = c;
            }
        }

        return new string(buffer[..length]);
    }

    /// <summary>Strips RFC 3966 visual separators (-, ., space, parentheses) and any ;parameters.</summary>
    public static string Clean(string number)
    {
        var semi = number.IndexOf(';');
        var core = semi < 0 ? number : number[..semi];
        if (core.AsSpan().IndexOfAny("-. ()") < 0)
        {
            return core;
        }

        return new string(core.Where(c => c is not ('-' or '.' or ' ' or '(' or ')')).ToArray());
    }
}
