using Labelling;
using Npgsql;

namespace Reference.Storage;

/// <summary>
/// Keeps this node's in-memory directory and label book current with what other nodes write to the shared PostgreSQL
/// store: LISTEN on the channel schema version 10 notifies at every commit, apply each batch of changes to memory, so
/// that screening still reads memory and a change made through one node is in force on all within a second. When the
/// channel breaks it reconnects and re-reads the whole store once, since notifications sent meanwhile are lost.
/// Applying a change twice (the node's own, or one seen again in a re-read) is harmless.
/// </summary>
public sealed class ChangeFeed(
    string connectionString, InMemoryDirectory directory, LabelBook labels, Preferences.CalleePreferences preferences, IDirectoryStore store, ILogger<ChangeFeed> logger)
    : BackgroundService
{
    public const string Channel = "reference_changes";

    private long _applied;
    private long _reconnects;

    /// <summary>Called with a setting another node saved (name, JSON), such as the screening parameters.</summary>
    public Action<string, string>? SettingChanged { get; set; }

    /// <summary>Called with API keys, appeals and signing peers another node wrote.</summary>
    public Action<ChangeFeedRecords>? RecordsChanged { get; set; }

    /// <summary>Called after a full re-read of the store, for what <see cref="RecordsChanged"/> keeps to re-read as well.</summary>
    public Action? Resynchronised { get; set; }

    public bool Listening { get; private set; }

    /// <summary>Changed rows applied to memory since the node started.</summary>
    public long Applied => Interlocked.Read(ref _applied);

    public long Reconnects => Interlocked.Read(ref _reconnects);

    public string? LastError { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, KeepAlive = 5 };
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(builder.ConnectionString);
                await connection.OpenAsync(stoppingToken);
                var batch = new ChangeBatch();
                connection.Notification += (_, e) => batch.Add(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                // Whatever was written between the last read and LISTEN was announced to no one here: read it all once.
                Resynchronise();
                Listening = true;
                logger.LogInformation("Listening for changes to the shared store on {Channel}", Channel);
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                    Apply(batch.Take());
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or StorageException or InvalidOperationException or System.IO.IOException)
            {
                if (Listening)
                {
                    logger.LogWarning("The change channel of the shared store broke ({Error}); screening goes on from memory, reconnecting", ex.Message);
                }

                Listening = false;
                LastError = ex.Message;
                Interlocked.Increment(ref _reconnects);
                await Task.Delay(TimeSpan.FromMilliseconds(500), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private void Resynchronise()
    {
        directory.Merge(store.Load());
        labels.Replay(store.Labels.Load());
        preferences.Merge(store.LabelOnlyCallees());
        Resynchronised?.Invoke();
    }

    private void Apply(IReadOnlyList<string> payloads)
    {
        if (payloads.Count == 0)
        {
            return;
        }

        var changes = ChangeBatch.Parse(payloads, logger);
        directory.Merge(changes.Directory);
        labels.Replay(changes.Labels);
        preferences.Merge(changes.LabelOnlyCallees);
        foreach (var (name, value) in changes.Settings)
        {
            SettingChanged?.Invoke(name, value);
        }

        if (changes.Records.Any)
        {
            RecordsChanged?.Invoke(changes.Records);
        }

        Interlocked.Add(ref _applied, payloads.Count);
    }
}
