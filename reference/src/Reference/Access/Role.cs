namespace Reference.Access;

/// <summary>Who a management API key speaks for; codes "administrator", "regulator", … on the wire (<see cref="Roles"/>).</summary>
public enum Role
{
    /// <summary>The key given at start-up (Api:AdminKey): issues and revokes the other keys, and does nothing else.</summary>
    Administrator,

    /// <summary>The supervising authority: reads what the node holds and does, changes nothing.</summary>
    Regulator,

    /// <summary>The carrier running the node: provisioning, parameters, analytics flags, reports from its own intake.</summary>
    CarrierOperator,

    /// <summary>Decides appeals and is the only role shown appellants' names.</summary>
    AppealDesk,

    /// <summary>An enterprise: declares its own numbers and appeals their labels.</summary>
    Enterprise,

    /// <summary>A subscriber's app account: reports numbers, looks labels up, appeals its own number's label.</summary>
    PublicReporter,
}
