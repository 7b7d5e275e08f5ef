namespace Reference.Access;

/// <summary>
/// Endpoint metadata: the roles that may call an endpoint, or that anyone may. Every mapped endpoint carries one,
/// set where it is mapped (<see cref="EndpointRolesExtensions"/>); an endpoint without it is refused to everyone.
/// </summary>
public sealed record EndpointRoles(IReadOnlyList<Role> Roles, bool Anonymous)
{
    public bool Allows(ApiCaller caller) => Roles.Any(caller.Has);
}
