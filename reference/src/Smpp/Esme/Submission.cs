using Smpp.Pdus;

namespace Smpp.Esme;

/// <summary>One message queued for the SMSC: its segments' message ids as they are accepted, its attempts, and its result once known.</summary>
internal sealed class Submission(OutboundMessage message, DateTimeOffset queuedAt)
{
    private string[] _ids = [];
    private int _remaining;
    private int _attempts;

    public OutboundMessage Message { get; } = message;

    public DateTimeOffset QueuedAt { get; } = queuedAt;

    public TaskCompletionSource<SubmissionResult> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public SubmissionResult? Result { get; set; }

    public bool IsCompleted => Done.Task.IsCompleted;

    public CommandStatus LastStatus { get; set; }

    public int SegmentCount => _ids.Length;

    public int Attempts => Volatile.Read(ref _attempts);

    public IReadOnlyList<string> MessageIds => [.. _ids];

    public void Expect(int segments)
    {
        _ids = new string[segments];
        _remaining = segments;
    }

    public void CountAttempt() => Interlocked.Increment(ref _attempts);

    /// <summary>Records a segment's message id; true when it was the last segment still unaccepted.</summary>
    public bool Accept(int index, string messageId, Lock gate)
    {
        lock (gate)
        {
            if (_ids[index] is not null)
            {
                return false;
            }

            _ids[index] = messageId;
            return --_remaining == 0;
        }
    }
}
