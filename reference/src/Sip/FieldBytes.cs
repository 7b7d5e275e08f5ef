namespace Sip;

/// <summary>
/// Which control bytes a header field may hold, by the grammar of RFC 3261 §25.1 rather than by a blanket rule: none
/// on their own, but any but CR and LF escaped as a quoted-pair inside a quoted-string ("\" %x00-09 / %x0B-0C /
/// %x0E-7F; RFC 4475 §3.1.1.2 sends BEL, NUL and DEL so), and CR LF only as the start of a fold (CRLF then SP or HT).
/// Only read for a block the vector scan of <see cref="HeadScan"/> found not clean, so it costs nothing on the usual path.
/// </summary>
internal static class FieldBytes
{
    /// <summary>True when every control byte of <paramref name="field"/> (a whole field, folds included) is legal where it stands.</summary>
    public static bool AreLegal(ReadOnlySpan<byte> field)
    {
        var quoted = false;
        for (var i = 0; i < field.Length; i++)
        {
            var b = field[i];
            if (b == '"')
            {
                quoted = !quoted;
            }
            else if (b == '\\' && quoted)
            {
                // The escaped byte is taken whatever it is, but a line end can never be escaped.
                if (i + 1 < field.Length && field[i + 1] is not ((byte)'\r' or (byte)'\n'))
                {
                    i++;
                }
            }
            else if (b == '\r')
            {
                if (i + 2 >= field.Length || field[i + 1] != '\n' || field[i + 2] is not ((byte)' ' or (byte)'\t'))
                {
                    return false;
                }

                i++;
            }
            else if ((b < ' ' && b != '\t') || b == 127)
            {
                return false;
            }
        }

        return true;
    }
}
