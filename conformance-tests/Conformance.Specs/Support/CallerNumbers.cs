using Conformance.Fixtures;

namespace Conformance.Specs.Support;

/// <summary>
/// The calling numbers scenarios name in words, drawn fresh from the scenario's seeded faker so that no two
/// scenarios share one: well-formed numbers of every kind of the national plan, and non-standard ones.
/// </summary>
public static class CallerNumbers
{
    public static string Make(string kind, NumberFaker numbers) => kind switch
    {
        "a domestic mobile number" => numbers.DomesticMobile(),
        "a domestic fixed-line number" => numbers.DomesticFixedLine(),
        "a domestic mobile number in +86 form" => "+86" + numbers.DomesticMobile(),
        "a domestic mobile number with visual separators" => Separated(numbers.DomesticMobile()),
        "a 95xxx service number" => "95" + numbers.DomesticMobile()[^3..],
        "a 96xxx service number" => "96" + numbers.DomesticMobile()[^3..],
        "a 400 number" => "400" + numbers.DomesticMobile()[^7..],
        "a 10xxx carrier service number" => "10" + numbers.DomesticMobile()[^3..],
        "a mobile number one digit short" => numbers.DomesticMobile()[..10],
        "a mobile number one digit long" => numbers.DomesticMobile() + "7",
        "a mobile number in an unallocated block" => "154" + numbers.DomesticMobile()[^8..],
        "a mobile number in a data-only block" => "140" + numbers.DomesticMobile()[^8..],
        "a number starting 12" => "12" + numbers.DomesticMobile()[^9..],
        "a fixed-line number with an unallocated area code" => "0600" + numbers.DomesticMobile()[^8..],
        "a fixed-line number one digit long" => "010" + numbers.DomesticMobile()[^9..],
        "a local number without its area code" => "6" + numbers.DomesticMobile()[^7..],
        "a number with letters in it" => "138" + "ABCD" + numbers.DomesticMobile()[^4..],
        "an empty number" => string.Empty,
        _ => throw new ArgumentException($"Unknown kind of calling number '{kind}'.", nameof(kind)),
    };

    private static string Separated(string mobile) => $"{mobile[..3]}-{mobile[3..7]}-{mobile[7..]}";
}
