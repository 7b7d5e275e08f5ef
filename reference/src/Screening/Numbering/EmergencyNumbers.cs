namespace Screening.Numbering;

/// <summary>China's emergency numbers: police 110, fire 119, ambulance 120, traffic accidents 122.</summary>
public static class EmergencyNumbers
{
    private static readonly string[] Numbers = ["110", "119", "120", "122"];

    public static bool IsEmergency(string dialled)
    {
        // Compared in place: every screened call's callee is asked about, some twice.
        var text = NumberText.Clean(dialled).AsSpan();
        if (text.StartsWith("+86", StringComparison.Ordinal))
        {
            text = text[3..];
        }

        foreach (var number in Numbers)
        {
            if (text.SequenceEqual(number))
            {
                return true;
            }
        }

        return false;
    }
}
