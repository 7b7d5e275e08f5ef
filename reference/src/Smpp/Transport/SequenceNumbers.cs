namespace Smpp.Transport;

/// <summary>Issues sequence numbers 1..0x7FFFFFFF and wraps, as SMPP 3.4 section 5.1.4 requires.</summary>
public sealed class SequenceNumbers
{
    public const uint Max = 0x7FFFFFFF;

    private long _last;

    public SequenceNumbers(uint last = 0)
    {
        _last = last;
    }

    public uint Next()
    {
        while (true)
        {
            var last = Interlocked.Read(ref _last);
            var next = last >= Max ? 1 : last + 1;
            if (Interlocked.CompareExchange(ref _last, next, last) == last)
            {
                return (uint)next;
            }
        }
    }
}
