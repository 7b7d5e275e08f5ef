namespace Reference.Access;

/// <summary>
/// Wires access control into the node: the key book over the node's store, the administrator key from
/// Api:AdminKey, and the public reports' rate limits (Api:Reports), the per-reporter ones counted from the stored reports.
/// </summary>
public static class AccessRegistration
{
    public static void AddAccessControl(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        // Built now, not on first request: a short administrator key or an unreadable store stops the start, with the reason.
        var store = ApiKeyStores.From(configuration.GetSection("Storage"));
        var keys = new ApiKeyBook(store, configuration["Api:AdminKey"]);
        builder.Services.AddSingleton<IApiKeyStore>(_ => store);
        builder.Services.AddSingleton(keys);
        builder.Services.AddSingleton(ReportLimits.From(configuration.GetSection("Api:Reports")));
        // The per-reporter windows start from the reports in the node's store, when it keeps them.
        builder.Services.AddSingleton(sp => new ReportRateLimiter(
            sp.GetRequiredService<ReportLimits>(), sp.GetRequiredService<TimeProvider>(), sp.GetService<Storage.IDirectoryStore>() as IReportHistory));
    }
}
