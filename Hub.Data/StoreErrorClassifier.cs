using Microsoft.Data.Sqlite;

namespace Hub.Data;

/// <summary>What a provider error means to the hub. Decided by error code, never by message text.</summary>
internal enum StoreErrorKind
{
    /// <summary>Anything else: a bug (bad SQL, a violated CHECK, a missing table). Let it surface.</summary>
    Other,

    /// <summary>Another writer held the lock past the busy timeout; retrying later is expected to work.</summary>
    Transient,

    /// <summary>A UNIQUE or PRIMARY KEY constraint refused the row.</summary>
    UniqueViolation,

    /// <summary>The storage cannot take writes or be read: disk full, read-only, I/O error, cannot open.</summary>
    StorageUnavailable,
}

internal static class StoreErrorClassifier
{
    // SQLite result codes: https://sqlite.org/rescode.html
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteReadOnly = 8;
    private const int SqliteIoError = 10;
    private const int SqliteFull = 13;
    private const int SqliteCantOpen = 14;
    private const int SqliteConstraint = 19;
    private const int SqliteConstraintPrimaryKey = SqliteConstraint | (6 << 8);
    private const int SqliteConstraintUnique = SqliteConstraint | (8 << 8);

    public static StoreErrorKind Classify(Exception exception) => exception switch
    {
        SqliteException sqlite => ClassifySqlite(sqlite),
        _ => StoreErrorKind.Other,
    };

    /// <summary>True for the kinds the stores report as <see cref="StoreUnavailableException"/>.</summary>
    public static bool IsUnavailable(StoreErrorKind kind) =>
        kind is StoreErrorKind.Transient or StoreErrorKind.StorageUnavailable;

    private static StoreErrorKind ClassifySqlite(SqliteException exception) =>
        // The primary code is the low byte; SqliteErrorCode may already carry an extended code.
        (exception.SqliteErrorCode & 0xFF) switch
        {
            SqliteBusy or SqliteLocked => StoreErrorKind.Transient,
            SqliteConstraint when exception.SqliteExtendedErrorCode is SqliteConstraintUnique or SqliteConstraintPrimaryKey
                => StoreErrorKind.UniqueViolation,
            SqliteReadOnly or SqliteIoError or SqliteFull or SqliteCantOpen => StoreErrorKind.StorageUnavailable,
            _ => StoreErrorKind.Other,
        };
}
