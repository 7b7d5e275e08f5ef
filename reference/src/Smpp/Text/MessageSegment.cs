namespace Smpp.Text;

/// <summary>One short_message payload; <see cref="HasUserDataHeader"/> tells the sender to set esm_class 0x40.</summary>
public sealed record MessageSegment(ReadOnlyMemory<byte> ShortMessage, bool HasUserDataHeader);
