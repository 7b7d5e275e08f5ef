namespace Reference.Signalling;

/// <summary>How interceptions are signalled (REQUIREMENTS area 7) and where a blocked caller seeks redress.</summary>
public sealed record SignallingOptions(string Profile, string RedressUrl)
{
    public const string Atis603Plus = "atis-603plus";
    public const string Rfc8688 = "rfc8688";
    public const string Rfc8197 = "rfc8197";

    public static SignallingOptions From(IConfiguration section)
    {
        var profile = section["Profile"] ?? Atis603Plus;
        if (profile is not (Atis603Plus or Rfc8688 or Rfc8197))
        {
            throw new InvalidOperationException(
                $"Configuration Signalling:Profile is '{profile}'; expected one of {Atis603Plus}, {Rfc8688}, {Rfc8197}.");
        }

        return new SignallingOptions(profile, section["RedressUrl"] ?? "https://appeal.reference.example/redress");
    }
}
