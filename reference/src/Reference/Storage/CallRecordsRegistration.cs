using Reference.Traceback;

namespace Reference.Storage;

/// <summary>
/// Call records (traceback): on by default when the node keeps a durable store, off with an in-memory one (nothing
/// would be kept) or CallRecords:Enabled=false. The writer, the queries and the retention sweep each have their own
/// connection to the store configured in Storage; the writer is drained when the node stops. Every final response
/// waits for its call's record (HoldResponses, default true). With a journal (Journal: beside the SQLite file by
/// default, none for a server unless named) the record is kept as it is queued, in a file mapped into memory, and the
/// response waits for nothing; without one it waits for the transaction, and LingerMilliseconds sets how long the
/// writer gathers records for it.
/// </summary>
public static class CallRecordsRegistration
{
    public static void AddCallRecords(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("CallRecords");
        var options = TracebackOptions.From(section);
        builder.Services.AddSingleton(options);
        var storage = builder.Configuration.GetSection("Storage");
        var durable = storage["PostgreSql"] is { Length: > 0 } || storage["Sqlite"] != ":memory:";
        if (!section.GetValue("Enabled", durable))
        {
            return;
        }

        var capacity = section.GetValue("QueueCapacity", 100_000);
        var linger = section.GetValue("LingerMilliseconds", CallRecordWriter.DefaultLinger.TotalMilliseconds);
        if (!(linger >= 0 && linger <= 1_000))
        {
            throw new InvalidOperationException($"CallRecords:LingerMilliseconds must be from 0 to 1000, found {linger}");
        }

        // A journal beside a SQLite file by default (one node per file); a server's store is shared by nodes, so a
        // journal there is a file each node must be given (CallRecords:Journal), none meaning a transaction per batch.
        var journal = section["Journal"] is { } named
            ? (named is "" or "none" ? null : named)
            : storage["PostgreSql"] is { Length: > 0 } ? null : Path.GetFullPath(storage["Sqlite"] is { Length: > 0 } file ? file : DirectoryStores.DefaultSqliteFile) + "-calls";
        builder.Services.AddSingleton(sp => new CallRecordWriter(
            DirectoryStores.Open(storage), capacity,
            ex => sp.GetRequiredService<ILogger<CallRecordWriter>>().LogError(ex, "Call records were not written, or a response waiting for one not sent"),
            section["LingerMilliseconds"] is null ? null : TimeSpan.FromMilliseconds(linger), journal));
        builder.Services.AddSingleton<Screening.ICallObserver, CallRecorder>();

        // Each call's final response waits for its record (issue 20: written before the final response is sent);
        // HoldResponses=false answers at once, the record following within the linger.
        if (section.GetValue("HoldResponses", true))
        {
            builder.Services.AddSingleton<Signalling.ICallHold, CallRecordHold>();
        }
        builder.Services.AddSingleton(sp => new CallRecordSearch(
            DirectoryStores.Open(storage), sp.GetRequiredService<CallRecordWriter>(), sp.GetRequiredService<TimeProvider>(), options));
        builder.Services.AddSingleton(sp => new CallRecordRetention(
            DirectoryStores.Open(storage), sp.GetRequiredService<TimeProvider>(), options, sp.GetRequiredService<ILogger<CallRecordRetention>>()));
        builder.Services.AddHostedService(sp => sp.GetRequiredService<CallRecordRetention>());
    }
}
