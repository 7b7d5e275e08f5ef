namespace Screening.Numbering;

/// <summary>
/// Reads a calling number against China's national numbering plan (REQUIREMENTS area 3): mobile 1[3-9]xxxxxxxxx,
/// fixed line 0 + area code + 7–8 digits, service numbers 95xxx/96xxx/400-xxx-xxxx/10xxx, emergency numbers;
/// +86, 0086 and 86 forms are brought to national form; other international numbers are foreign.
/// </summary>
public static class NumberingPlan
{
    public static NumberCheck Check(string presented)
    {
        var text = NumberText.Clean(presented);
        if (text.Length == 0)
        {
            return NumberCheck.Invalid(text, NumberProblem.Malformed);
        }

        // Read in place: only the national form a check returns is a new string (a caller's +86 number is read once
        // per call, as each screened call's identity).
        var plus = text[0] == '+';
        var digits = text.AsSpan(plus ? 1 : 0);
        if (digits.Length == 0 || digits.ContainsAnyExceptInRange('0', '9'))
        {
            return NumberCheck.Invalid(text, NumberProblem.Malformed);
        }

        if (plus || digits.StartsWith("00", StringComparison.Ordinal))
        {
            // Where the number after the international prefix (+ or 00) starts in the text.
            var from = plus ? 1 : 2;
            var international = text.AsSpan(from);
            if (international.StartsWith(ChineseNumber.CountryCode, StringComparison.Ordinal))
            {
                return Significant(text[(from + 2)..]);
            }

            return international.Length is >= 7 and <= 15 && international[0] != '0'
                ? new NumberCheck(NumberKind.Foreign, plus ? text : string.Concat("+", international), null)
                : NumberCheck.Invalid(text, NumberProblem.NotDiallable);
        }

        // Neither + nor 00: the text is all digits.
        if (text.Length >= 12 && text.StartsWith(ChineseNumber.CountryCode, StringComparison.Ordinal) && Significant(text[2..]) is { IsValid: true } withCode)
        {
            return withCode;
        }

        return National(text);
    }

    /// <summary>A number as it follows the country code 86: the trunk prefix 0 is put back for fixed lines.</summary>
    private static NumberCheck Significant(string digits)
    {
        if (digits.Length == 0)
        {
            return NumberCheck.Invalid(digits, NumberProblem.WrongLength);
        }

        return digits[0] == '1' && digits.Length == 11 || IsServiceShape(digits) || digits[0] == '0'
            ? National(digits)
            : National("0" + digits);
    }

    private static bool IsServiceShape(string digits) =>
        digits.StartsWith("400", StringComparison.Ordinal) || digits.StartsWith("95", StringComparison.Ordinal) || digits.StartsWith("96", StringComparison.Ordinal);

    private static NumberCheck National(string digits)
    {
        if (EmergencyNumbers.IsEmergency(digits))
        {
            return new NumberCheck(NumberKind.Emergency, digits, null);
        }

        switch (digits[0])
        {
            case '1':
                return Starting1(digits);
            case '0':
                return FixedLine(digits);
            case '4' when digits.StartsWith("400", StringComparison.Ordinal):
                return digits.Length == 10 ? Service(digits) : NumberCheck.Invalid(digits, NumberProblem.WrongLength);
            case '9' when digits[1..].StartsWith('5') || digits[1..].StartsWith('6'):
                return digits.Length is 5 or 6 ? Service(digits) : NumberCheck.Invalid(digits, NumberProblem.WrongLength);
            default:
                // A local number without its area code cannot be dialled back from elsewhere in the country.
                return NumberCheck.Invalid(digits, NumberProblem.NotDiallable);
        }
    }

    private static NumberCheck Starting1(string digits)
    {
        if (digits.Length == 5 && digits[1] == '0')
        {
            return Service(digits);
        }

        if (digits.Length < 2 || digits[1] is < '3' or > '9')
        {
            return NumberCheck.Invalid(digits, digits.Length == 11 ? NumberProblem.Unallocated : NumberProblem.NotDiallable);
        }

        if (digits.Length != 11)
        {
            return NumberCheck.Invalid(digits, NumberProblem.WrongLength);
        }

        var prefix = (digits[0] - '0') * 1000 + (digits[1] - '0') * 100 + (digits[2] - '0') * 10 + (digits[3] - '0');
        return PlanData.IsAllocatedMobilePrefix(prefix)
            ? new NumberCheck(NumberKind.Mobile, digits, null)
            : NumberCheck.Invalid(digits, NumberProblem.Unallocated);
    }

    private static NumberCheck FixedLine(string digits)
    {
        if (digits.Length < 3 || digits[1] == '0')
        {
            return NumberCheck.Invalid(digits, NumberProblem.NotDiallable);
        }

        // Two-digit area codes are 10 and 2x; every other area code has three digits.
        var areaDigits = digits[1] == '2' || (digits[1] == '1' && digits[2] == '0') ? 2 : 3;
        if (digits.Length <= 1 + areaDigits)
        {
            return NumberCheck.Invalid(digits, NumberProblem.WrongLength);
        }

        var area = int.Parse(digits.AsSpan(1, areaDigits), System.Globalization.CultureInfo.InvariantCulture);
        var lengths = PlanData.SubscriberLengths(area);
        if (lengths == 0)
        {
            return NumberCheck.Invalid(digits, NumberProblem.Unallocated);
        }

        var subscriber = digits.Length - 1 - areaDigits;
        if (subscriber is not (7 or 8) || (lengths & (1 << subscriber)) == 0)
        {
            return NumberCheck.Invalid(digits, NumberProblem.WrongLength);
        }

        return digits[1 + areaDigits] is '0' or '1'
            ? NumberCheck.Invalid(digits, NumberProblem.NotDiallable)
            : new NumberCheck(NumberKind.FixedLine, digits, null);
    }

    private static NumberCheck Service(string digits) => new(NumberKind.Service, digits, null);
}
