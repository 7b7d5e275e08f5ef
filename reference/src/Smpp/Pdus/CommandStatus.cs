namespace Smpp.Pdus;

/// <summary>SMPP 3.4 command_status values (section 5.1.3) that this library produces or acts upon.</summary>
public enum CommandStatus : uint
{
    Ok = 0x00000000,
    InvalidMessageLength = 0x00000001,
    InvalidCommandLength = 0x00000002,
    InvalidCommandId = 0x00000003,
    IncorrectBindStatus = 0x00000004,
    AlreadyBound = 0x00000005,
    SystemError = 0x00000008,
    InvalidSourceAddress = 0x0000000A,
    InvalidDestinationAddress = 0x0000000B,
    BindFailed = 0x0000000D,
    InvalidPassword = 0x0000000E,
    InvalidSystemId = 0x0000000F,
    MessageQueueFull = 0x00000014,
    InvalidNumberOfDestinations = 0x00000033,
    InvalidDistributionListName = 0x00000034,
    InvalidDestinationFlag = 0x00000040,
    SubmitFailed = 0x00000045,
    Throttled = 0x00000058,
    InvalidOptionalParameterStream = 0x000000C0,
    OptionalParameterNotAllowed = 0x000000C1,
    InvalidParameterLength = 0x000000C2,
    UnknownError = 0x000000FF,
}
