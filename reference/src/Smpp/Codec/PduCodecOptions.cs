namespace Smpp.Codec;

/// <summary>Limits the decoder enforces before trusting a command_length.</summary>
public sealed record PduCodecOptions
{
    /// <summary>SMPP 3.4 sets no ceiling; a short message plus every TLV fits easily in this, and it bounds memory per link.</summary>
    public int MaxCommandLength { get; init; } = 4096;

    public static PduCodecOptions Default { get; } = new();
}
