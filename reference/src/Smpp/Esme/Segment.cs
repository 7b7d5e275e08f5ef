using Smpp.Pdus;

namespace Smpp.Esme;

/// <summary>One submit_sm of a submission (a long text is several), and how often it was sent.</summary>
internal sealed class Segment(Submission submission, int index, ShortMessagePdu pdu)
{
    private int _attempts;

    public Submission Submission { get; } = submission;

    public int Index { get; } = index;

    public ShortMessagePdu Pdu { get; } = pdu;

    public int Attempts
    {
        get => Volatile.Read(ref _attempts);
        set
        {
            Volatile.Write(ref _attempts, value);
            Submission.CountAttempt();
        }
    }
}
