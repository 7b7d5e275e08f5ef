using Microsoft.Extensions.Logging;
using Smpp.Pdus;

namespace Smpp.Esme;

/// <summary>
/// Every submission still open and the newest undeliverable results (<see cref="EsmeOptions.UndeliverableKept"/>):
/// each submission ends here exactly once, accepted or undeliverable, also when it waited longer than
/// <see cref="EsmeOptions.GiveUpAfter"/> without a bound link or the ESME stopped first.
/// </summary>
internal sealed class SubmissionLedger(EsmeOptions options, TimeProvider time, ILogger logger, Action<SubmissionResult> completed)
{
    private readonly Lock _gate = new();
    private readonly Queue<SubmissionResult> _undeliverable = new();
    private readonly HashSet<Submission> _open = [];

    public IReadOnlyList<SubmissionResult> Undeliverable
    {
        get
        {
            lock (_gate)
            {
                return [.. _undeliverable];
            }
        }
    }

    /// <summary>Opens a submission of <paramref name="segments"/> segments.</summary>
    public void Open(Submission submission, int segments)
    {
        lock (_gate)
        {
            submission.Expect(segments);
            _open.Add(submission);
        }
    }

    /// <summary>Records a segment's acceptance; the submission completes as accepted with its last segment.</summary>
    public void Accept(Segment segment, CommandStatus status, string messageId)
    {
        if (segment.Submission.Accept(segment.Index, messageId, _gate))
        {
            Complete(segment.Submission, SubmissionOutcome.Accepted, status, "accepted by the SMSC");
        }
    }

    public Task[] OpenTasks()
    {
        lock (_gate)
        {
            return [.. _open.Select(s => (Task)s.Done.Task)];
        }
    }

    /// <summary>Without a bound link nothing moves; messages waiting too long are recorded rather than kept forever.</summary>
    public void ExpireStale()
    {
        var now = time.GetUtcNow();
        Submission[] stale;
        lock (_gate)
        {
            stale = [.. _open.Where(s => now - s.QueuedAt >= options.GiveUpAfter)];
        }

        foreach (var submission in stale)
        {
            Complete(submission, SubmissionOutcome.Undeliverable, submission.LastStatus, $"no bound link to the SMSC within {options.GiveUpAfter.TotalSeconds:0.###} s of queueing");
        }
    }

    /// <summary>Ends every submission still open as undeliverable: the ESME stopped.</summary>
    public void AbandonOpen()
    {
        Submission[] left;
        lock (_gate)
        {
            left = [.. _open];
        }

        foreach (var submission in left)
        {
            Complete(submission, SubmissionOutcome.Undeliverable, submission.LastStatus, "the ESME stopped before the SMSC accepted it");
        }
    }

    /// <summary>The submission's result, made once: a later call returns the first result unchanged.</summary>
    public SubmissionResult Complete(Submission submission, SubmissionOutcome outcome, CommandStatus status, string reason)
    {
        SubmissionResult result;
        lock (_gate)
        {
            if (submission.Result is { } existing)
            {
                return existing;
            }

            result = new SubmissionResult(submission.Message, outcome, submission.MessageIds, submission.SegmentCount, submission.Attempts, status, submission.QueuedAt, time.GetUtcNow(), reason);
            submission.Result = result;
            _open.Remove(submission);
            if (outcome == SubmissionOutcome.Undeliverable)
            {
                _undeliverable.Enqueue(result);
                if (_undeliverable.Count > options.UndeliverableKept)
                {
                    _undeliverable.Dequeue();
                }
            }
        }

        if (outcome == SubmissionOutcome.Undeliverable)
        {
            logger.LogWarning("message to {Destination} undeliverable: {Reason}", submission.Message.Destination, reason);
        }

        submission.Done.TrySetResult(result);
        completed(result);
        return result;
    }
}
