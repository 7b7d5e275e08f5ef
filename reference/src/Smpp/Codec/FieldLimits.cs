namespace Smpp.Codec;

/// <summary>Maximum sizes of SMPP 3.4 C-Octet String fields, counting the terminating NUL (section 4).</summary>
internal static class FieldLimits
{
    public const int SystemId = 16;
    public const int Password = 9;
    public const int SystemType = 13;
    public const int AddressRange = 41;
    public const int ServiceType = 6;
    public const int Address = 21;
    public const int Time = 17;
    public const int MessageId = 65;
    public const int ShortMessage = 254;
    public const int Destinations = 254;
    public const int DistributionListName = 21;
}
