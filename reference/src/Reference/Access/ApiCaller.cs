using System.Reflection;

namespace Reference.Access;

/// <summary>
/// Who made the request, as <see cref="AccessControl"/> authenticated it: a handler takes it as a parameter. Only
/// on endpoints that require roles; an anonymous endpoint has no caller.
/// </summary>
public sealed record ApiCaller(string KeyId, IReadOnlyList<Role> Roles, string Account)
{
    private const string ItemKey = "Reference.Access.ApiCaller";

    public bool Has(Role role) => Roles.Contains(role);

    public static ApiCaller? Of(HttpContext context) => context.Items.TryGetValue(ItemKey, out var caller) ? caller as ApiCaller : null;

    public static ValueTask<ApiCaller?> BindAsync(HttpContext context, ParameterInfo parameter) => ValueTask.FromResult(Of(context));

    internal void AttachTo(HttpContext context) => context.Items[ItemKey] = this;
}
