namespace Smpp.Pdus;

/// <summary>One unsuccess_sme of a submit_multi_resp (SMPP 3.4 §4.5.2): a destination the SMSC did not accept, and why.</summary>
public sealed record UnsuccessfulDestination(string Address, CommandStatus Error, byte Ton = 0, byte Npi = 0);
