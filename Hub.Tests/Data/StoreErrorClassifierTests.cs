using Hub.Data;
using Microsoft.Data.Sqlite;
using NUnit.Framework;

namespace Hub.Tests.Data;

[TestFixture]
public sealed class StoreErrorClassifierTests
{
    // (primary code, extended code) as SQLite reports them: https://sqlite.org/rescode.html
    [TestCase(5, 5, nameof(StoreErrorKind.Transient))]              // SQLITE_BUSY
    [TestCase(5, 517, nameof(StoreErrorKind.Transient))]            // SQLITE_BUSY_SNAPSHOT
    [TestCase(6, 6, nameof(StoreErrorKind.Transient))]              // SQLITE_LOCKED
    [TestCase(19, 2067, nameof(StoreErrorKind.UniqueViolation))]    // SQLITE_CONSTRAINT_UNIQUE
    [TestCase(19, 1555, nameof(StoreErrorKind.UniqueViolation))]    // SQLITE_CONSTRAINT_PRIMARYKEY
    [TestCase(19, 787, nameof(StoreErrorKind.Other))]               // SQLITE_CONSTRAINT_FOREIGNKEY: a bug
    [TestCase(19, 275, nameof(StoreErrorKind.Other))]               // SQLITE_CONSTRAINT_CHECK: a bug
    [TestCase(13, 13, nameof(StoreErrorKind.StorageUnavailable))]   // SQLITE_FULL
    [TestCase(8, 8, nameof(StoreErrorKind.StorageUnavailable))]     // SQLITE_READONLY
    [TestCase(10, 778, nameof(StoreErrorKind.StorageUnavailable))]  // SQLITE_IOERR_WRITE
    [TestCase(14, 14, nameof(StoreErrorKind.StorageUnavailable))]   // SQLITE_CANTOPEN
    [TestCase(1, 1, nameof(StoreErrorKind.Other))]                  // SQLITE_ERROR: bad SQL
    public void Classify_SqliteException_ByItsCodes(int code, int extendedCode, string expected)
    {
        var kind = StoreErrorClassifier.Classify(new SqliteException("message text is never looked at", code, extendedCode));

        Assert.That(kind.ToString(), Is.EqualTo(expected));
    }

    [Test]
    public void Classify_AnythingElse_IsOther()
    {
        Assert.That(StoreErrorClassifier.Classify(new InvalidOperationException()), Is.EqualTo(StoreErrorKind.Other));
    }
}
