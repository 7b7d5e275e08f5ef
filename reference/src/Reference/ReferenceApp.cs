using Reference.Apis;
using Reference.Sip;
using Screening;

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

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(sip);
        builder.Services.AddSingleton(signalling);
        builder.Services.AddSingleton(ScreeningPipeline.CreateDefault(disabled));
        builder.Services.AddSingleton<InterceptResponder>();
        builder.Services.AddSingleton<ActiveCalls>();
        builder.Services.AddSingleton<SipNodeMetrics>();
        builder.Services.AddSingleton<SipNode>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SipNode>());
        builder.Services.AddProblemDetails();

        var app = builder.Build();
        app.MapHealthApi();
        app.MapMetricsApi();
        return app;
    }
}
