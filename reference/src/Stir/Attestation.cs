namespace Stir;

/// <summary>SHAKEN attestation levels (RFC 8588 §4).</summary>
public enum Attestation
{
    /// <summary>Full: the signer knows the customer and that the customer may use the number.</summary>
    A,

    /// <summary>Partial: the signer knows the customer but not that the customer may use the number.</summary>
    B,

    /// <summary>Gateway: the signer only knows where the call entered its network.</summary>
    C,
}
