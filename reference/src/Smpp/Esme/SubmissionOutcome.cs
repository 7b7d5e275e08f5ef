namespace Smpp.Esme;

/// <summary>The end of a submission: every segment accepted by the SMSC, or given up and recorded.</summary>
public enum SubmissionOutcome
{
    Accepted,
    Undeliverable,
}
