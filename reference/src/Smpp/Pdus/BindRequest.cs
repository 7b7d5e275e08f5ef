using Smpp.Codec;

namespace Smpp.Pdus;

/// <summary>bind_transmitter, bind_receiver or bind_transceiver (SMPP 3.4 section 4.1).</summary>
public sealed record BindRequest : Pdu
{
    public const byte InterfaceVersion34 = 0x34;

    public BindRequest(CommandId commandId)
        : base(commandId)
    {
        if (commandId is not (CommandId.BindTransmitter or CommandId.BindReceiver or CommandId.BindTransceiver))
        {
            throw new ArgumentException($"{commandId} is not a bind command; use BindTransmitter, BindReceiver or BindTransceiver.", nameof(commandId));
        }
    }

    public string SystemId { get; init; } = "";

    public string Password { get; init; } = "";

    public string SystemType { get; init; } = "";

    public byte InterfaceVersion { get; init; } = InterfaceVersion34;

    public byte AddressTon { get; init; }

    public byte AddressNpi { get; init; }

    public string AddressRange { get; init; } = "";

    internal override void WriteBody(PduWriter writer)
    {
        writer.CString(SystemId, FieldLimits.SystemId, nameof(SystemId));
        writer.CString(Password, FieldLimits.Password, nameof(Password));
        writer.CString(SystemType, FieldLimits.SystemType, nameof(SystemType));
        writer.Byte(InterfaceVersion);
        writer.Byte(AddressTon);
        writer.Byte(AddressNpi);
        writer.CString(AddressRange, FieldLimits.AddressRange, nameof(AddressRange));
    }

    internal static BindRequest Read(CommandId id, ref PduReader reader) => new(id)
    {
        SystemId = reader.CString(FieldLimits.SystemId, "system_id"),
        Password = reader.CString(FieldLimits.Password, "password"),
        SystemType = reader.CString(FieldLimits.SystemType, "system_type"),
        InterfaceVersion = reader.Byte("interface_version"),
        AddressTon = reader.Byte("addr_ton"),
        AddressNpi = reader.Byte("addr_npi"),
        AddressRange = reader.CString(FieldLimits.AddressRange, "address_range"),
    };
}
