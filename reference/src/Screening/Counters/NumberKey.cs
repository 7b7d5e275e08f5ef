namespace Screening.Counters;

/// <summary>Packs digits into a long ("1" + digits, so leading zeros count) and hashes other text with 64-bit FNV-1a.</summary>
public static class NumberKey
{
    public static long Of(string text)
    {
        if (text.Length is > 0 and <= 17)
        {
            long value = 1;
            var digits = true;
            foreach (var c in text)
            {
                if (!char.IsAsciiDigit(c))
                {
                    digits = false;
                    break;
                }

                value = value * 10 + (c - '0');
            }

            if (digits)
            {
                return value;
            }
        }

        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        // Negative, so a hash never equals a packed number.
        return (long)(hash | 0x8000000000000000UL);
    }
}
