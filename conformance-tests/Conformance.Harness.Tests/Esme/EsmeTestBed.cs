using Conformance.Harness.ShortMessages;
using Microsoft.Extensions.Time.Testing;
using Smpp.Esme;

namespace Conformance.Harness.Tests.Esme;

/// <summary>An ESME and the suite's SMSC on loopback, both on one fake clock.</summary>
internal sealed class EsmeTestBed : IAsyncDisposable
{
    public EsmeTestBed(EsmeOptions? options = null, Func<CancellationToken, ValueTask<Stream>>? connect = null)
    {
        Smsc = new SuiteSmsc(Time, "warner", "secret");
        Smsc.Start();
        Options = options ?? new EsmeOptions { SystemId = "warner", Password = "secret" };
        Client = new EsmeClient(Options, connect ?? SmppConnectors.Tcp(Smsc.EndPoint), Time);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 28, 20, 0, 0, TimeSpan.Zero));

    public SuiteSmsc Smsc { get; }

    public EsmeOptions Options { get; }

    public EsmeClient Client { get; }

    public static OutboundMessage Flash(string destination, string text = "【安全提示】来电被多人标记为骚扰电话,请谨慎接听。") =>
        new("12321", destination, text, Smpp.Text.DataCodings.FlashUcs2);

    public async Task<SubmissionResult> Complete(Task<SubmissionResult> submission, TimeSpan? step = null)
    {
        Assert.That(await Eventually.Until(() => submission.IsCompleted, Time, step ?? TimeSpan.FromMilliseconds(100)), Is.True, "the submission never completed");
        return await submission;
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await Smsc.DisposeAsync();
    }
}
