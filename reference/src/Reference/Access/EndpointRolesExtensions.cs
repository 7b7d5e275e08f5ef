namespace Reference.Access;

/// <summary>Declares, next to each MapGet/MapPost, who may call the endpoint; spec/api/openapi.yaml's x-roles say the same.</summary>
public static class EndpointRolesExtensions
{
    public static TBuilder RequireRoles<TBuilder>(this TBuilder builder, params Role[] roles)
        where TBuilder : IEndpointConventionBuilder
    {
        if (roles.Length == 0)
        {
            throw new ArgumentException("name at least one role, or call Anonymous() for an endpoint anyone may call", nameof(roles));
        }

        return builder.WithMetadata(new EndpointRoles(roles, Anonymous: false));
    }

    public static TBuilder Anonymous<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new EndpointRoles([], Anonymous: true));
}
