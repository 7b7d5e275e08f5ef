using Labelling;
using Labelling.Appeals;
using Reference.Apis;
using Reference.Storage;
using Reference.Warnings;
using Screening;

namespace Reference.LabelService;

/// <summary>Wires labels, appeals and warnings into the node: services, call observers, the forward decorator, the APIs.</summary>
public static class LabellingRegistration
{
    /// <param name="store">Where labels and appeals are kept; read back here, before the node answers anything.</param>
    public static void AddLabellingAndWarnings(this WebApplicationBuilder builder, IDirectoryStore store)
    {
        var book = new LabelBook(LabellingConfiguration.Read(builder.Configuration.GetSection("Labelling")), store.Labels);
        var kept = store.Labels.Load();
        book.Restore(kept);
        var mutants = LabellingConfiguration.Disabled(builder.Configuration.GetSection("Labelling"));
        builder.Services.AddSingleton(book);
        builder.Services.AddSingleton(_ =>
        {
            var allocations = new NumberAllocations(store.Labels);
            allocations.Restore(kept.Allocations);
            return allocations;
        });
        builder.Services.AddSingleton(sp =>
        {
            var desk = new AppealDesk(book, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<NumberAllocations>());
            desk.Restore(kept.Appeals);
            return desk;
        });
        builder.Services.AddSingleton(WarningOptions.From(builder.Configuration.GetSection("Warnings")));
        if (!mutants.Contains(LabellingConfiguration.HeadersMutant))
        {
            builder.Services.AddSingleton<IForwardDecorator, LabelHeaders>();
        }

        if (!mutants.Contains(LabellingConfiguration.AnalyticsMutant))
        {
            builder.Services.AddSingleton<ICallObserver, OneRingAnalytics>();
        }

        builder.Services.AddSingleton<SmsSender>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SmsSender>());
        builder.Services.AddSingleton<PushSender>();
        builder.Services.AddSingleton<WarningDispatcher>();
        builder.Services.AddSingleton<ICallObserver>(sp => sp.GetRequiredService<WarningDispatcher>());
    }

    public static IEndpointRouteBuilder MapLabellingApis(this IEndpointRouteBuilder routes) =>
        routes.MapLabelsApi().MapAppealsApi().MapAppealListApi().MapWarningDeliveriesApi();
}
