using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Sip;

/// <summary>
/// One pass over a header block that answers what the parser would otherwise ask of it line by line: whether it is
/// clean (no control character but HT, CR and LF only as CRLF pairs), where each line ends, and whether it is all
/// ASCII. A clean block needs no per-line control search and its line ends are exactly its CRs; an ASCII block
/// needs no per-value check before the byte grammar is applied.
/// </summary>
internal static class HeadScan
{
    /// <summary>How many line ends <see cref="LineEnds"/> holds; a longer block finds the rest line by line.</summary>
    public const int Capacity = 64;

    /// <summary>
    /// Room for the line ends of a typical block, as a plain local: a stackalloc would make its method compile straight
    /// to optimized code without the profile-guided inlining the parser's loop gains from.
    /// </summary>
    [System.Runtime.CompilerServices.InlineArray(Capacity)]
    public struct LineEnds
    {
        private int _first;
    }

    /// <summary>
    /// True when <paramref name="head"/> is clean. Then <paramref name="lineEnds"/> holds the index of the CR ending each
    /// line, in order, for as many lines as it has room for (<paramref name="recorded"/>; lines past those are left for
    /// the caller to find), and <paramref name="ascii"/> tells whether every byte is below 0x80. When false, neither
    /// output means anything.
    /// </summary>
    public static bool IsClean(ReadOnlySpan<byte> head, Span<int> lineEnds, out int recorded, out bool ascii)
    {
        recorded = 0;
        ascii = false;
        if (head.IsEmpty || head[0] == '\n')
        {
            return false;
        }

        var i = 0;
        var count = 0;
        var highBits = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref var start = ref MemoryMarshal.GetReference(head);
            var cr = Vector256.Create((byte)'\r');
            var lf = Vector256.Create((byte)'\n');
            var tab = Vector256.Create((byte)'\t');
            var space = Vector256.Create((byte)' ');
            var delete = Vector256.Create((byte)127);
            var seen = Vector256<byte>.Zero;

            // The load one byte further on reaches the block's last byte, so the loop stops a byte short of a full vector.
            for (; i + Vector256<byte>.Count < head.Length; i += Vector256<byte>.Count)
            {
                var here = Vector256.LoadUnsafe(ref start, (nuint)i);
                var isCr = Vector256.Equals(here, cr);

                // A CR exactly where the next byte is an LF: every CR is paired, and every LF but one at the very start.
                if (isCr != Vector256.Equals(Vector256.LoadUnsafe(ref start, (nuint)i + 1), lf))
                {
                    return false;
                }

                var control = (Vector256.LessThan(here, space) & ~(Vector256.Equals(here, tab) | isCr | Vector256.Equals(here, lf)))
                    | Vector256.Equals(here, delete);
                if (control != Vector256<byte>.Zero)
                {
                    return false;
                }

                seen |= here;
                var crs = isCr.ExtractMostSignificantBits();
                while (crs != 0)
                {
                    if (count < lineEnds.Length)
                    {
                        lineEnds[count++] = i + BitOperations.TrailingZeroCount(crs);
                    }

                    crs &= crs - 1;
                }
            }

            highBits = (int)seen.ExtractMostSignificantBits();
        }

        for (; i < head.Length; i++)
        {
            var b = head[i];
            highBits |= b & 0x80;
            if (b == '\r')
            {
                if (i + 1 == head.Length || head[i + 1] != '\n')
                {
                    return false;
                }

                if (count < lineEnds.Length)
                {
                    lineEnds[count++] = i;
                }
            }
            else if ((b == '\n' && head[i - 1] != '\r') || (b < ' ' && b is not ((byte)'\t' or (byte)'\n')) || b == 127)
            {
                return false;
            }
        }

        recorded = count;
        ascii = highBits == 0;
        return true;
    }
}
