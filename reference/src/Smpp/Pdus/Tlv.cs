namespace Smpp.Pdus;

/// <summary>An optional parameter (tag, length, value) carried after a PDU's mandatory fields.</summary>
public sealed record Tlv(ushort Tag, ReadOnlyMemory<byte> Value)
{
    public static Tlv FromByte(ushort tag, byte value) => new(tag, new[] { value });

    public static Tlv FromUInt16(ushort tag, ushort value) => new(tag, new[] { (byte)(value >> 8), (byte)value });

    public bool Equals(Tlv? other) => other is not null && Tag == other.Tag && Value.Span.SequenceEqual(other.Value.Span);

    public override int GetHashCode() => HashCode.Combine(Tag, Value.Length);
}
