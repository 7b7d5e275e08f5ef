using Smpp.Codec;

namespace Smpp.Pdus;

/// <summary>An SMPP 3.4 protocol data unit: the 16-byte header, mandatory fields and optional parameters.</summary>
public abstract record Pdu
{
    protected Pdu(CommandId commandId)
    {
        CommandId = commandId;
    }

    public CommandId CommandId { get; init; }

    public CommandStatus Status { get; init; }

    public uint SequenceNumber { get; init; }

    public IReadOnlyList<Tlv> OptionalParameters { get; init; } = [];

    /// <summary>Value equality that compares optional parameters element by element, not by list identity.</summary>
    public virtual bool Equals(Pdu? other) =>
        other is not null
        && other.EqualityContract == EqualityContract
        && CommandId == other.CommandId
        && Status == other.Status
        && SequenceNumber == other.SequenceNumber
        && OptionalParameters.SequenceEqual(other.OptionalParameters);

    public override int GetHashCode() => HashCode.Combine(CommandId, Status, SequenceNumber, OptionalParameters.Count);

    public Tlv? FindOptional(ushort tag) => OptionalParameters.FirstOrDefault(t => t.Tag == tag);

    internal abstract void WriteBody(PduWriter writer);
}
