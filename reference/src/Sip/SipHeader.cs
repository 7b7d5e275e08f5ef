namespace Sip;

/// <summary>One header field as it appeared on the wire: its name (in canonical long form) and raw value.</summary>
public readonly record struct SipHeader(string Name, string Value)
{
    public override string ToString() => $"{Name}: {Value}";
}
