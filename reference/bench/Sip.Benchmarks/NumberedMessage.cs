using System.Text;

namespace Sip.Benchmarks;

/// <summary>
/// A message template whose Via branch and Call-ID get a fresh number per call, written in place, so that every
/// benchmark call is a new transaction without allocating its bytes.
/// </summary>
public sealed class NumberedMessage
{
    private const int Digits = 12;
    private readonly byte[] _bytes;
    private readonly int _branchAt;
    private readonly int _callIdAt;

    public NumberedMessage(byte[] template)
    {
        var text = Encoding.ASCII.GetString(template);
        text = text.Replace("branch=z9hG4bK", "branch=z9hG4bK" + new string('0', Digits), StringComparison.Ordinal)
            .Replace("Call-ID: ", "Call-ID: " + new string('0', Digits), StringComparison.Ordinal);
        _bytes = Encoding.ASCII.GetBytes(text);
        _branchAt = text.IndexOf("branch=z9hG4bK", StringComparison.Ordinal) + "branch=z9hG4bK".Length;
        _callIdAt = text.IndexOf("Call-ID: ", StringComparison.Ordinal) + "Call-ID: ".Length;
    }

    public ReadOnlySpan<byte> Numbered(long number)
    {
        Write(number, _branchAt);
        Write(number, _callIdAt);
        return _bytes;
    }

    private void Write(long number, int at)
    {
        for (var i = Digits - 1; i >= 0; i--)
        {
            _bytes[at + i] = (byte)('0' + (number % 10));
            number /= 10;
        }
    }
}
