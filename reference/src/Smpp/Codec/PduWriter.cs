using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Smpp.Codec;

/// <summary>Appends big-endian integers, C-Octet Strings and octets for the encoder.</summary>
internal sealed class PduWriter
{
    private readonly ArrayBufferWriter<byte> _buffer = new(64);

    public int Length => _buffer.WrittenCount;

    public void Byte(byte value) => _buffer.Write([value]);

    public void UInt16(ushort value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(_buffer.GetSpan(2), value);
        _buffer.Advance(2);
    }

    public void UInt32(uint value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(_buffer.GetSpan(4), value);
        _buffer.Advance(4);
    }

    public void Bytes(ReadOnlySpan<byte> value) => _buffer.Write(value);

    /// <summary>SMPP C-strings are ASCII; limit counts the terminating NUL as the specification does.</summary>
    public void CString(string value, int limit, string field)
    {
        if (value.Length + 1 > limit || value.Any(c => c == '\0' || c > 0x7F))
        {
            throw new ArgumentException($"{field} \"{value}\" must be ASCII without NUL and at most {limit - 1} characters.");
        }

        Bytes(Encoding.ASCII.GetBytes(value));
        Byte(0);
    }

    public byte[] ToArray() => _buffer.WrittenSpan.ToArray();

    public void PatchUInt32(byte[] target, int offset, uint value) => BinaryPrimitives.WriteUInt32BigEndian(target.AsSpan(offset), value);
}
