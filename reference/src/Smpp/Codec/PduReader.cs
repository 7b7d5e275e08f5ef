using System.Buffers.Binary;
using System.Text;

namespace Smpp.Codec;

/// <summary>Reads the fields of one PDU body; every overrun is a typed <see cref="PduFormatException"/>.</summary>
internal ref struct PduReader(ReadOnlySpan<byte> body)
{
    private readonly ReadOnlySpan<byte> _body = body;
    private int _position;

    public readonly int Remaining => _body.Length - _position;

    public byte Byte(string field)
    {
        Need(1, field);
        return _body[_position++];
    }

    public ushort UInt16(string field)
    {
        Need(2, field);
        var value = BinaryPrimitives.ReadUInt16BigEndian(_body[_position..]);
        _position += 2;
        return value;
    }

    public uint UInt32(string field)
    {
        Need(4, field);
        var value = BinaryPrimitives.ReadUInt32BigEndian(_body[_position..]);
        _position += 4;
        return value;
    }

    public byte[] Bytes(int count, string field)
    {
        Need(count, field);
        var value = _body.Slice(_position, count).ToArray();
        _position += count;
        return value;
    }

    /// <summary>A NUL-terminated field of at most <paramref name="limit"/> octets including the NUL.</summary>
    public string CString(int limit, string field)
    {
        var rest = _body[_position..];
        var nul = rest[..Math.Min(limit, rest.Length)].IndexOf((byte)0);
        if (nul < 0)
        {
            throw rest.Length < limit
                ? new PduFormatException(PduRejectReason.FieldTruncated, $"{field} has no terminating NUL before the end of the PDU.")
                : new PduFormatException(PduRejectReason.CStringTooLong, $"{field} is longer than {limit - 1} characters (no NUL within {limit} octets).");
        }

        var value = Encoding.ASCII.GetString(rest[..nul]);
        _position += nul + 1;
        return value;
    }

    private readonly void Need(int count, string field)
    {
        if (Remaining < count)
        {
            throw new PduFormatException(PduRejectReason.FieldTruncated, $"{field} needs {count} octet(s) but only {Remaining} remain in the PDU.");
        }
    }
}
