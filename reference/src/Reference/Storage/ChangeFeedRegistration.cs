using System.Text.Json;
using Labelling;
using Reference.Provisioning;
using Screening;

namespace Reference.Storage;

/// <summary>
/// Several nodes on one PostgreSQL store follow each other's changes through <see cref="ChangeFeed"/>; a node on
/// SQLite is alone with its file and needs none.
/// </summary>
public static class ChangeFeedRegistration
{
    public static void AddChangeFeed(this WebApplicationBuilder builder, InMemoryDirectory directory, IDirectoryStore store)
    {
        if (builder.Configuration["Storage:PostgreSql"] is not { Length: > 0 } connectionString)
        {
            return;
        }

        builder.Services.AddSingleton(sp =>
        {
            var feed = new ChangeFeed(connectionString, directory, sp.GetRequiredService<LabelBook>(), sp.GetRequiredService<Preferences.CalleePreferences>(), store, sp.GetRequiredService<ILogger<ChangeFeed>>());
            var pipeline = sp.GetRequiredService<ScreeningPipeline>();
            var clock = sp.GetRequiredService<Clock.TestClock>();
            var logger = sp.GetRequiredService<ILogger<ChangeFeed>>();
            feed.SettingChanged = (name, json) =>
            {
                // The test clock is shared, so that windows a scenario crosses are crossed on every node.
                if (name == Clock.TestClock.SettingName && long.TryParse(json, System.Globalization.CultureInfo.InvariantCulture, out var ticks))
                {
                    clock.CatchUp(TimeSpan.FromTicks(ticks));
                }

                Reconfigure(pipeline, name, json, logger);
            };
            var keys = sp.GetRequiredService<Access.ApiKeyBook>();
            var desk = sp.GetRequiredService<Labelling.Appeals.AppealDesk>();
            var peers = sp.GetRequiredService<CallerAuthentication.SigningPeers>();
            feed.RecordsChanged = records =>
            {
                foreach (var (key, hash) in records.ApiKeys)
                {
                    keys.Apply(key, hash);
                }

                foreach (var peer in records.SigningPeers)
                {
                    peers.Known(peer);
                }

                if (records.AppealIds.Count > 0 && store.Labels is SqlLabelJournal journal)
                {
                    desk.Restore(journal.Appeals(records.AppealIds.Distinct(StringComparer.Ordinal).ToList()));
                }
            };
            feed.Resynchronised = () =>
            {
                keys.Reload();
                peers.Reload();
                desk.Restore(store.Labels.Load().Appeals);
            };
            return feed;
        });
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ChangeFeed>());
    }

    /// <summary>Parameters another node set through its API; the same ones again (this node's own) change nothing.</summary>
    private static void Reconfigure(ScreeningPipeline pipeline, string name, string json, ILogger logger)
    {
        if (name != ParametersJson.SettingName)
        {
            return;
        }

        var errors = new FieldErrors();
        using var document = JsonDocument.Parse(json);
        var parameters = ParametersJson.Apply(document.RootElement, pipeline.Parameters, errors);
        if (errors.Any || parameters == pipeline.Parameters)
        {
            return;
        }

        if (pipeline.Reconfigure(parameters) is { } problem)
        {
            logger.LogWarning("Screening parameters set on another node were not applied here: {Problem}", problem);
        }
    }
}
