namespace Reference.Storage;

/// <summary>
/// Call records (traceback) when CallRecords:Enabled is true; off by default until what they cost the call path is
/// agreed. The writer has its own connection to the store configured in Storage, and is drained when the node stops.
/// </summary>
public static class CallRecordsRegistration
{
    public static void AddCallRecords(this WebApplicationBuilder builder)
    {
        if (!builder.Configuration.GetValue("CallRecords:Enabled", false))
        {
            return;
        }

        var capacity = builder.Configuration.GetValue("CallRecords:QueueCapacity", 100_000);
        builder.Services.AddSingleton(sp => new CallRecordWriter(
            DirectoryStores.Open(builder.Configuration.GetSection("Storage")), capacity,
            ex => sp.GetRequiredService<ILogger<CallRecordWriter>>().LogError(ex, "Call records were not written")));
        builder.Services.AddSingleton<Screening.ICallObserver, CallRecorder>();
    }
}
