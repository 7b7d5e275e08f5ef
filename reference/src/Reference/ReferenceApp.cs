using Reference.Apis;
using Reference.Clock;
using Reference.Labelling;
using Reference.Provisioning;
using Reference.Sip;
using Reference.Storage;
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
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseUrls(builder.Configuration["Http:Url"] ?? "http://127.0.0.1:8080");

        var sip = SipNodeOptions.From(builder.Configuration.GetSection("Sip"));
        var signalling = SignallingOptions.From(builder.Configuration.GetSection("Signalling"));
        var disabled = builder.Configuration.GetSection("Screening:DisabledRules").Get<string[]>() ?? [];

        var parameters = ScreeningConfiguration.Read(builder.Configuration.GetSection("Screening"));
        var testMode = builder.Configuration.GetValue("TestMode:Enabled", false);

        // In test mode the node runs on a clock the test-control API moves forward; otherwise on system time.
        var clock = new TestClock(TimeProvider.System);
        builder.Services.AddSingleton(clock);
        builder.Services.AddSingleton(testMode ? clock : TimeProvider.System);
        builder.Services.AddSingleton(sip);
        builder.Services.AddSingleton(signalling);
        builder.Services.AddSingleton(parameters);
        var directory = new InMemoryDirectory();
        builder.Services.AddSingleton(directory);
        builder.Services.AddSingleton<IScreeningDirectory>(directory);
        var pipeline = ScreeningPipeline.CreateDefault(directory, parameters, disabled);
        builder.Services.AddSingleton(pipeline);
        foreach (var observer in pipeline.Observers)
        {
            builder.Services.AddSingleton(observer);
        }

        builder.AddLabellingAndWarnings();
        builder.Services.AddSingleton<InterceptResponder>();
        builder.Services.AddSingleton<ActiveCalls>();
        builder.Services.AddSingleton<SipNodeMetrics>();
        builder.Services.AddSingleton<ScreeningPolicy>();
        builder.Services.AddSingleton<SipNode>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SipNode>());
        builder.Services.AddProblemDetails();

        var app = builder.Build();
        app.MapHealthApi();
        app.MapMetricsApi();
        app.MapEnterprisesApi();
        app.MapTrunksApi();
        app.MapMarketingApi();
        app.MapNumberListsApi();
        app.MapLabellingApis();
        if (testMode)
        {
            app.MapTestClockApi();
        }

        return app;
    }
}
