namespace Conformance.Harness.Warnings;

/// <summary>One forbidden thing found in a warning, with the fragment that shows it.</summary>
public sealed record WarningViolation(WarningViolationKind Kind, string Fragment)
{
    public override string ToString() => Kind switch
    {
        WarningViolationKind.Url => $"carries a link \"{Fragment}\"; a warning must send the user nowhere",
        WarningViolationKind.PhoneNumber => $"carries a phone number \"{Fragment}\"; a warning must not offer a number to call back",
        _ => $"asks the user to reply or call (\"{Fragment}\"); a warning must not ask for any action towards the sender",
    };
}
