namespace Smpp.Pdus;

/// <summary>SMPP 3.4 command identifiers (section 5.1.2.1); a response is its request with bit 31 set.</summary>
public enum CommandId : uint
{
    GenericNack = 0x80000000,
    BindReceiver = 0x00000001,
    BindReceiverResp = 0x80000001,
    BindTransmitter = 0x00000002,
    BindTransmitterResp = 0x80000002,
    SubmitSm = 0x00000004,
    SubmitSmResp = 0x80000004,
    DeliverSm = 0x00000005,
    DeliverSmResp = 0x80000005,
    Unbind = 0x00000006,
    UnbindResp = 0x80000006,
    BindTransceiver = 0x00000009,
    BindTransceiverResp = 0x80000009,
    EnquireLink = 0x00000015,
    EnquireLinkResp = 0x80000015,
    SubmitMulti = 0x00000021,
    SubmitMultiResp = 0x80000021,
}
