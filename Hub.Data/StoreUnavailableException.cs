namespace Hub.Data;

/// <summary>
/// The store could not do the work right now: the database is busy beyond its timeout (<see cref="IsTransient"/>),
/// or its storage is full, read-only or failing. Nothing was changed. The service answers a Receiver fault; the
/// caller may retry later.
/// </summary>
public sealed class StoreUnavailableException : Exception
{
    public StoreUnavailableException()
        : this("The data store is unavailable.")
    {
    }

    public StoreUnavailableException(string message)
        : base(message)
    {
    }

    public StoreUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal StoreUnavailableException(string message, bool isTransient, Exception innerException)
        : base(message, innerException)
    {
        IsTransient = isTransient;
    }

    /// <summary>True when the database was only busy (locked by another writer): a retry is likely to succeed.</summary>
    public bool IsTransient { get; }
}
