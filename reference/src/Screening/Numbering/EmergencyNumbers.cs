namespace Screening.Numbering;

/// <summary>China's emergency numbers: police 110, fire 119, ambulance 120, traffic accidents 122.</summary>
public static class EmergencyNumbers
{
    private static readonly string[] Numbers = ["110", "119", "120", "122"];

    public static bool IsEmergency(string dialled)
    {
        var text = NumberText.Clean(dialled);
        if (text.StartsWith("+86", StringComparison.Ordinal))
        {
            text = text[3..];
        }

        return Array.IndexOf(Numbers, text) >= 0;
    }
}
