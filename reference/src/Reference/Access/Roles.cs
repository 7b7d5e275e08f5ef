namespace Reference.Access;

/// <summary>The wire codes of <see cref="Role"/>, as spec/api/openapi.yaml names them in each operation's x-roles.</summary>
public static class Roles
{
    private static readonly (Role Role, string Code)[] Table =
    [
        (Role.Administrator, "administrator"),
        (Role.Regulator, "regulator"),
        (Role.CarrierOperator, "carrier-operator"),
        (Role.AppealDesk, "appeal-desk"),
        (Role.Enterprise, "enterprise"),
        (Role.PublicReporter, "public-reporter"),
    ];

    public static IEnumerable<Role> All => Table.Select(t => t.Role);

    public static IEnumerable<string> Codes => Table.Select(t => t.Code);

    public static string Code(this Role role) => Table.First(t => t.Role == role).Code;

    public static bool TryParse(string? code, out Role role)
    {
        foreach (var (r, c) in Table)
        {
            if (string.Equals(c, code?.Trim(), StringComparison.Ordinal))
            {
                role = r;
                return true;
            }
        }

        role = default;
        return false;
    }
}
