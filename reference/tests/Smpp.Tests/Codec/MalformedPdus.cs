using Smpp.Codec;
using Smpp.Pdus;

namespace Smpp.Tests.Codec;

/// <summary>Malformed frames with the rejection each must get: reason, status to answer, response command, fatal or not.</summary>
public static class MalformedPdus
{
    public static IEnumerable<TestCaseData> All()
    {
        yield return Case("command_length below the header", "0000000F" + "00000015" + "00000000" + "00000001", PduRejectReason.CommandLengthTooSmall, CommandStatus.InvalidCommandLength, CommandId.GenericNack, fatal: true);
        yield return Case("command_length zero", "00000000" + "00000015" + "00000000" + "00000001", PduRejectReason.CommandLengthTooSmall, CommandStatus.InvalidCommandLength, CommandId.GenericNack, fatal: true);
        yield return Case("command_length beyond the ceiling", "00100000" + "00000004" + "00000000" + "00000001", PduRejectReason.CommandLengthTooLarge, CommandStatus.InvalidCommandLength, CommandId.GenericNack, fatal: true);
        yield return Case("command_length with the top bit set", "FFFFFFFF" + "00000004" + "00000000" + "00000001", PduRejectReason.CommandLengthTooLarge, CommandStatus.InvalidCommandLength, CommandId.GenericNack, fatal: true);
        yield return Case("unknown command_id", "00000010" + "00000103" + "00000000" + "00000007", PduRejectReason.UnknownCommandId, CommandStatus.InvalidCommandId, CommandId.GenericNack, fatal: false);
        yield return Case("submit_multi with no body", "00000010" + "00000021" + "00000000" + "00000007", PduRejectReason.FieldTruncated, CommandStatus.InvalidCommandLength, CommandId.SubmitMultiResp, fatal: false);
        yield return Case("submit_multi to no destination", Frame("00000021", "00" + "0000" + Ascii("12321") + "00" + "00"), PduRejectReason.InvalidNumberOfDestinations, CommandStatus.InvalidNumberOfDestinations, CommandId.SubmitMultiResp, fatal: false);
        yield return Case("submit_multi to 255 destinations", Frame("00000021", "00" + "0000" + Ascii("12321") + "00" + "FF"), PduRejectReason.InvalidNumberOfDestinations, CommandStatus.InvalidNumberOfDestinations, CommandId.SubmitMultiResp, fatal: false);
        yield return Case("submit_multi with dest_flag 3", Frame("00000021", "00" + "0000" + Ascii("12321") + "00" + "02" + "01" + "0101" + Ascii("13800138000") + "00" + "03" + Ascii("x") + "00"), PduRejectReason.InvalidDestinationFlag, CommandStatus.InvalidDestinationFlag, CommandId.SubmitMultiResp, fatal: false);
        yield return Case("submit_multi with a distribution list name of 21 characters", Frame("00000021", "00" + "0000" + Ascii("12321") + "00" + "01" + "02" + Ascii("abcdefghijklmnopqrstu") + "00"), PduRejectReason.CStringTooLong, CommandStatus.InvalidParameterLength, CommandId.SubmitMultiResp, fatal: false);
        yield return Case("submit_multi_resp cut inside an unsuccess_sme", Frame("80000021", Ascii("m1") + "00" + "01" + "0101" + Ascii("13800138000") + "00" + "0000"), PduRejectReason.FieldTruncated, CommandStatus.InvalidCommandLength, CommandId.GenericNack, fatal: false);
        yield return Case("enquire_link with a body", "00000011" + "00000015" + "00000000" + "00000007" + "00", PduRejectReason.UnexpectedBody, CommandStatus.InvalidCommandLength, CommandId.EnquireLinkResp, fatal: false);
        yield return Case("system_id of 16 characters without NUL", Frame("00000002", Ascii("ABCDEFGHIJKLMNOP") + "00" + "00" + "00" + "34000000"), PduRejectReason.CStringTooLong, CommandStatus.InvalidParameterLength, CommandId.BindTransmitterResp, fatal: false);
        yield return Case("password of 9 characters", Frame("00000009", Ascii("sys") + "00" + Ascii("123456789") + "00" + "00" + "34000000"), PduRejectReason.CStringTooLong, CommandStatus.InvalidParameterLength, CommandId.BindTransceiverResp, fatal: false);
        yield return Case("system_id unterminated at the end of the PDU", Frame("00000002", Ascii("abc")), PduRejectReason.FieldTruncated, CommandStatus.InvalidCommandLength, CommandId.BindTransmitterResp, fatal: false);
        yield return Case("bind cut after system_type", Frame("00000002", "00" + "00" + "00"), PduRejectReason.FieldTruncated, CommandStatus.InvalidCommandLength, CommandId.BindTransmitterResp, fatal: false);
        yield return Case("destination_addr of 21 characters", Frame("00000004", "00" + "0000" + "00" + "0101" + Ascii("861380013800012345678") + "00" + "000000" + "00" + "00" + "0000" + "08" + "00" + "00"), PduRejectReason.CStringTooLong, CommandStatus.InvalidParameterLength, CommandId.SubmitSmResp, fatal: false);
        yield return Case("sm_length 255", Frame("00000004", SubmitFieldsUpToSmLength() + "FF" + new string('0', 510)), PduRejectReason.ShortMessageTooLong, CommandStatus.InvalidMessageLength, CommandId.SubmitSmResp, fatal: false);
        yield return Case("sm_length past the end of the PDU", Frame("00000004", SubmitFieldsUpToSmLength() + "04" + "4F60"), PduRejectReason.FieldTruncated, CommandStatus.InvalidCommandLength, CommandId.SubmitSmResp, fatal: false);
        yield return Case("three stray octets after the fields", Frame("00000004", SubmitFieldsUpToSmLength() + "00" + "020400"), PduRejectReason.InvalidOptionalParameter, CommandStatus.InvalidOptionalParameterStream, CommandId.SubmitSmResp, fatal: false);
        yield return Case("TLV longer than what is left", Frame("00000004", SubmitFieldsUpToSmLength() + "00" + "02040005" + "0001"), PduRejectReason.InvalidOptionalParameter, CommandStatus.InvalidOptionalParameterStream, CommandId.SubmitSmResp, fatal: false);
        yield return Case("submit_sm_resp with an unterminated message_id", Frame("80000004", Ascii("abc")), PduRejectReason.FieldTruncated, CommandStatus.InvalidCommandLength, CommandId.GenericNack, fatal: false);
    }

    private static string SubmitFieldsUpToSmLength() =>
        "00" + "0000" + Ascii("12321") + "00" + "0101" + Ascii("13800138000") + "00" + "000000" + "00" + "00" + "0000" + "08" + "00";

    private static string Ascii(string text) => Convert.ToHexString(System.Text.Encoding.ASCII.GetBytes(text));

    private static string Frame(string commandId, string bodyHex) =>
        ((bodyHex.Length / 2) + 16).ToString("X8", System.Globalization.CultureInfo.InvariantCulture) + commandId + "00000000" + "0000002A" + bodyHex;

    private static TestCaseData Case(string name, string hex, PduRejectReason reason, CommandStatus status, CommandId response, bool fatal) =>
        new TestCaseData(Convert.FromHexString(hex), reason, status, response, fatal).SetArgDisplayNames(name);
}
