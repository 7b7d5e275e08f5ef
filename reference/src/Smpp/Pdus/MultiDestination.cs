namespace Smpp.Pdus;

/// <summary>
/// One dest_address of a submit_multi (SMPP 3.4 §4.5.1.1): an SME address (dest_flag 1: ton, npi, destination_addr)
/// or the name of a distribution list the SMSC keeps (dest_flag 2: dl_name).
/// </summary>
public sealed record MultiDestination(string Address, byte Ton = 0, byte Npi = 0, bool IsDistributionList = false)
{
    public const byte SmeAddressFlag = 1;

    public const byte DistributionListFlag = 2;

    public static MultiDestination Sme(string address, byte ton = 0, byte npi = 0) => new(address, ton, npi);

    public static MultiDestination DistributionList(string name) => new(name, IsDistributionList: true);
}
