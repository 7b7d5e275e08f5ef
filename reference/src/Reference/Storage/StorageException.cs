namespace Reference.Storage;

/// <summary>The durable store could not read or write; the message names the store and what failed.</summary>
public sealed class StorageException(string message, Exception? inner = null) : Exception(message, inner);
