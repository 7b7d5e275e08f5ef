namespace Smpp.Text;

/// <summary>The concatenated-message information element of a user data header (3GPP TS 23.040 9.2.3.24.1).</summary>
public sealed record ConcatenationInfo(int Reference, int Total, int Sequence);
