using Reference.Access;
using Reference.Apis;
using Reference.CallerAuthentication;
using Reference.Clock;
using Reference.Cluster;
using Reference.LabelService;
using Reference.Origin;
using Reference.Portal;
using Reference.Preferences;
using Reference.Provisioning;
using Reference.Reporting;
using Reference.Resources;
using Reference.Signalling;
using Reference.Storage;
using Reference.Traceback;
using Screening;
using Screening.Directory;

namespace Reference;

/// <summary>Composition root of the reference node; also used by the suite to start it in-process.</summary>
public static class ReferenceApp
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            // The node's own folder (its appsettings.json), also when a host loads it as a plug-in from another folder.
            ContentRootPath = Path.GetDirectoryName(typeof(ReferenceApp).Assembly.Location) is { Length: > 0 } folder ? folder : AppContext.BaseDirectory,
        });
        builder.WebHost.UseUrls(builder.Configuration["Http:Url"] ?? "http://127.0.0.1:8080");
        MutantSwitches.Route(builder.Configuration, builder.Configuration, ScreeningPipeline.CreateDefault().Rules.Select(r => r.Id));
        AllowedHosts.Default(builder.Configuration);
        var maxBody = builder.Configuration.GetValue("Http:MaxRequestBodyBytes", 32L * 1024 * 1024);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = maxBody);
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);

        var sip = SipNodeOptions.From(builder.Configuration.GetSection("Sip"));
        var signalling = SignallingOptions.From(builder.Configuration.GetSection("Signalling"));
        var disabled = builder.Configuration.GetSection("Screening:DisabledRules").Get<string[]>() ?? [];
        var hygiene = new EdgeHygiene(sip.TrustedRealms, enabled: !disabled.Contains(EdgeHygiene.Mutant, StringComparer.OrdinalIgnoreCase));
        disabled = disabled.Where(rule => !rule.Equals(EdgeHygiene.Mutant, StringComparison.OrdinalIgnoreCase)).ToArray();

        var parameters = ScreeningConfiguration.Read(builder.Configuration.GetSection("Screening"));
        var testMode = builder.Configuration.GetValue("TestMode:Enabled", false);

        // In test mode the node runs on a clock the test-control API moves forward; otherwise on system time.
        var clock = new TestClock(TimeProvider.System);
        builder.Services.AddSingleton(clock);
        builder.Services.AddSingleton(testMode ? clock : TimeProvider.System);
        builder.Services.AddSingleton(sip);
        builder.Services.AddSingleton(signalling);
        // Provisioned data is screened from memory and kept in the durable store: loaded once here, written through.
        // Owned by the container, which disposes what a factory returned when the node stops.
#pragma warning disable CA2000
        var store = DirectoryStores.From(builder.Configuration.GetSection("Storage"));
#pragma warning restore CA2000
        builder.Services.AddSingleton<IDirectoryStore>(_ => store);
        var directory = new InMemoryDirectory(store);
        var stored = store.Load();
        directory.Load(stored);
        if (stored.Settings.TryGetValue(ParametersJson.SettingName, out var setThroughApi))
        {
            parameters = StoredParameters(setThroughApi, parameters, store);
        }

        builder.Services.AddSingleton(directory);
        builder.Services.AddSingleton<IScreeningDirectory>(directory);
        // Cluster: the rate rules count in Redis when several nodes screen side by side (Cluster:Redis), else here.
        var pipeline = ScreeningPipeline.CreateDefault(directory, parameters, disabled, builder.AddSharedCounters());
        builder.Services.AddSingleton<CalleePreferences>();
        builder.Services.AddSingleton(sp => OneRingPreference.Apply(pipeline, sp.GetRequiredService<CalleePreferences>(), sp.GetRequiredService<Labelling.LabelBook>()));
        builder.Services.AddSingleton<ICallObserver>(sp => sp.GetRequiredService<ScreeningPipeline>());

        builder.AddAccessControl();
        builder.AddLabellingAndWarnings(store);
        builder.AddChangeFeed(directory, store);
        builder.AddCallRecords();
        builder.AddReporting(store);
        builder.AddResources();
        builder.AddStir();
        if (!Warnings.WarningOptions.From(builder.Configuration.GetSection("Warnings")).Disabled.Contains(Warnings.WarningOptions.OriginMutant))
        {
            builder.Services.AddSingleton<IForwardDecorator, AbroadOriginHeader>();
        }

        builder.Services.AddSingleton<InterceptResponder>();
        builder.Services.AddSingleton<ActiveCalls>();
        builder.Services.AddSingleton<SipNodeMetrics>();
        builder.Services.AddSingleton<PrometheusView>();
        builder.Services.AddSingleton(hygiene);
        builder.Services.AddSingleton<ScreeningPolicy>();
        builder.Services.AddSingleton<SipNode>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SipNode>());
        builder.Services.AddProblemDetails();
        builder.AddPortal();

        var app = builder.Build();
        app.UseSharedCounterLog();
        app.UseStorageFailureProblems();
        app.UseAccessControl();
        app.UseRequestProblems(maxBody);
        app.UsePortal();
        app.MapHealthApi();
        app.MapOpenApiDocumentApi();
        app.MapApiKeysApi();
        app.MapMetricsApi();
        app.MapEnterprisesApi();
        app.MapTrunksApi();
        app.MapMarketingApi();
        app.MapNumberListsApi();
        app.MapParametersApi();
        app.MapLabellingApis();
        app.MapStirApi();
        app.MapPreferencesApi();
        app.MapTracebackApi();
        app.MapReportingApis();
        app.MapResourcesApi();
        if (testMode)
        {
            app.MapTestClockApi();
        }

        app.MapPortal();

        return app;
    }

    /// <summary>Parameters last set through the API outlive a restart and win over start-up configuration.</summary>
    private static ScreeningParameters StoredParameters(string json, ScreeningParameters configured, IDirectoryStore store)
    {
        var errors = new FieldErrors();
        using var document = System.Text.Json.JsonDocument.Parse(json);
        var parameters = ParametersJson.Apply(document.RootElement, configured, errors);
        return errors.Any
            ? throw new StorageException($"The screening parameters kept in the store ({store.Description}) are unusable; set them again with PUT /v1/parameters after removing setting '{ParametersJson.SettingName}'.")
            : parameters;
    }
}
